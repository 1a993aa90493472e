# Soluzione: senza posizione l'attenzione non vede l'ordine; con la maschera causale sì.
import torch

torch.manual_seed(0)
parole = ["il", "cane", "morde", "l'uomo"]
d = 4
vettore = {p: torch.randn(d) for p in parole}  # un embedding per parola, nessuna posizione
W_q, W_k, W_v = (torch.randn(d, d) for _ in range(3))


def attenzione(frase, causale):
    x = torch.stack([vettore[p] for p in frase])
    Q, K, V = x @ W_q, x @ W_k, x @ W_v
    punteggi = Q @ K.T / d**0.5
    if causale:  # ogni parola vede solo sé stessa e quelle prima
        futuro = torch.triu(torch.ones(len(frase), len(frase), dtype=torch.bool), diagonal=1)
        punteggi = punteggi.masked_fill(futuro, float("-inf"))
    return torch.softmax(punteggi, dim=-1) @ V


frase = ["il", "cane", "morde", "l'uomo"]
scambiata = ["l'uomo", "morde", "il", "cane"]
for causale in [False, True]:
    a, b = attenzione(frase, causale), attenzione(scambiata, causale)
    uguali = [torch.allclose(a[frase.index(p)], b[scambiata.index(p)], atol=1e-6) for p in parole]
    print(f"maschera causale: {causale}")
    for parola, uguale in zip(parole, uguali):
        print(f"  uscita di {'«' + parola + '»':<9} identica nelle due frasi: {uguale}")
    if causale:  # con la maschera almeno una parola cambia uscita: l'ordine conta
        assert not all(uguali)
    else:  # senza maschera ogni parola ha la stessa uscita, solo in un'altra riga
        assert all(uguali)
