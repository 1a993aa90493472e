# L'algoritmo di BPE scritto a mano (Sennrich et al. 2016, Algoritmo 1) su poche parole.
from collections import Counter

# ogni parola è una tupla di simboli, con la sua frequenza; </w> segna la fine della parola
parole = Counter({"basso": 5, "bassa": 3, "passo": 4, "passa": 2, "masso": 1})
vocabolario = {tuple(p) + ("</w>",): n for p, n in parole.items()}

fusioni = []  # la pagina cita le fusioni, nell'ordine, e i pezzi finali
for passo in range(1, 7):
    coppie = Counter()
    for simboli, n in vocabolario.items():
        for a, b in zip(simboli, simboli[1:]):
            coppie[a, b] += n
    # la coppia più frequente; a parità, la prima in ordine alfabetico
    (a, b), conteggio = min(coppie.items(), key=lambda voce: (-voce[1], voce[0]))
    nuovo = {}
    for simboli, n in vocabolario.items():
        fusi, i = [], 0
        while i < len(simboli):
            if simboli[i : i + 2] == (a, b):
                fusi.append(a + b)
                i += 2
            else:
                fusi.append(simboli[i])
                i += 1
        nuovo[tuple(fusi)] = n
    vocabolario = nuovo
    fusioni.append(f"«{a}» + «{b}»")
    print(f"fusione {passo}: {a!r} + {b!r} ({conteggio} volte)")
    assert all((a, b) not in zip(s, s[1:]) for s in vocabolario)  # la coppia non c'è più

print()
for simboli, n in vocabolario.items():
    print(f"{n} × {' '.join(simboli)}")
pezzi_finali = ["«" + " | ".join(simboli) + "»" for simboli in vocabolario]
