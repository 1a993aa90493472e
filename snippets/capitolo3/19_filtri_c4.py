# I filtri euristici di C4 (Raffel et al., §2.2) applicati riga per riga a dodici pagine web finte.
import re
from collections import Counter

FINE_FRASE = (".", "!", "?", '"', "”")  # punto, esclamativo, interrogativo, virgolette chiuse
AVVISI = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
          "use cookies")
LISTA = {"breast"}  # una sola voce della lista inglese LDNOOBW, che ne ha centinaia
NOTE = re.compile(r"\[(\d+|citation needed)\]")  # i richiami alle note di Wikipedia

pagine = {}
with open("data/pagine_web.txt", encoding="utf-8") as f:
    for riga in f.read().splitlines():
        if riga.startswith("=== "):
            pagine[riga[4:]] = []
        elif riga and not riga.startswith("#"):
            pagine[list(pagine)[-1]].append(NOTE.sub("", riga))  # i richiami si tolgono e basta


def perche_no(riga):  # la regola che scarta la riga, o None se la riga resta
    basso = riga.lower()
    if "javascript" in basso:
        return "contiene «javascript»"
    if any(a in basso for a in AVVISI):
        return "avviso su cookie o privacy"
    if not riga.endswith(FINE_FRASE):
        return "senza punteggiatura finale"
    return "meno di 5 parole" if len(riga.split()) < 5 else None


righe_per_regola, pagine_per_regola, tenute, motivi = Counter(), Counter(), {}, {}
for nome, righe in pagine.items():
    testo = " ".join(righe).lower()  # le regole sulla pagina intera, prima di quelle sulle righe
    motivo = next((m for m, vale in [("una parola della lista", LISTA & set(testo.split())),
                                     ("contiene «lorem ipsum»", "lorem ipsum" in testo),
                                     ("contiene «{»", "{" in testo)] if vale), None)
    esame = [(riga, perche_no(riga)) for riga in righe] if motivo is None else []
    buone = [riga for riga, regola in esame if regola is None]
    righe_per_regola.update(regola or "tenuta" for _, regola in esame)
    if motivo is None and len(re.findall(r"[.!?][\"”]?(?=\s|$)", " ".join(buone))) < 3:
        motivo = "meno di 3 frasi nelle righe tenute"
    pagine_per_regola[motivo or "tenuta"] += 1
    motivi[nome] = motivo
    print(f"{nome}: {'tenuta' if motivo is None else 'SCARTATA, ' + motivo}")
    for riga, regola in esame:
        print(f"  {'+' if regola is None else '-'} {riga[:60]:<60} {regola or ''}".rstrip())
    tenute |= {nome: buone} if motivo is None else {}

print("\nrighe per regola: ", dict(sorted(righe_per_regola.items())))
print("pagine per regola:", dict(sorted(pagine_per_regola.items())))
# la pagina cita questi valori
n_pagine, pagine_tenute, righe_tenute = len(pagine), len(tenute), righe_per_regola["tenuta"]
righe_scartate = sum(righe_per_regola.values()) - righe_tenute
banner_italiano_tenuto = perche_no(pagine["p11"][0]) is None  # «Questo sito usa i cookie…»
assert banner_italiano_tenuto and "p06" in tenute  # le regole inglesi non vedono l'italiano
attese = {"p01": None, "p02": "contiene «lorem ipsum»", "p03": "contiene «{»",
          "p04": "una parola della lista", "p05": "meno di 3 frasi nelle righe tenute",
          "p11": "meno di 3 frasi nelle righe tenute"}  # ciò che la pagina racconta
assert all(motivi[p] == m for p, m in attese.items())
