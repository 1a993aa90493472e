# La deduplicazione di C4: di ogni tratto di tre frasi che compare più volte se ne tiene uno solo.
import re

pagine = {}
with open("data/pagine_web.txt", encoding="utf-8") as f:
    for riga in f.read().splitlines():
        if riga.startswith("=== "):
            pagine[riga[4:]] = []
        elif riga and not riga.startswith("#"):  # ogni riga divisa in frasi dopo . ! ?
            pagine[list(pagine)[-1]] += re.split(r"(?<=[.!?])\s+", riga)

visti = {}  # tratto di tre frasi (in minuscolo) -> la pagina dove è comparso per primo
tolte = {}
for nome, frasi in pagine.items():
    da_togliere = set()
    for i in range(len(frasi) - 2):
        tratto = " ".join(frasi[i : i + 3]).lower()
        if tratto in visti and visti[tratto] != nome:
            da_togliere |= {i, i + 1, i + 2}  # già visto altrove: queste frasi se ne vanno
        visti.setdefault(tratto, nome)
    tolte[nome] = [frasi[i] for i in sorted(da_togliere)]

for nome, frasi in tolte.items():
    for frase in frasi:
        print(f"{nome} perde: {frase}")
print(f"\ntratti di tre frasi diversi: {len(visti)}")
frasi_tolte = sum(len(f) for f in tolte.values())
pagine_toccate = [nome for nome, f in tolte.items() if f]  # la pagina cita questi valori
print(f"frasi tolte: {frasi_tolte}, nelle pagine: {', '.join(pagine_toccate)}")
assert pagine_toccate == ["p09"] and not tolte["p01"]  # la copia che resta è la prima
