# I filtri euristici di C4 (Raffel et al., §2.2) applicati riga per riga a dodici pagine web finte.
import re

FINE_FRASE = (".", "!", "?", '"', "”")  # punto, esclamativo, interrogativo, virgolette chiuse
AVVISI = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
          "use cookies")
LISTA = ["nipple"]  # una voce della lista inglese LDNOOBW (ne ha centinaia), come parola intera
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


esami, motivi = {}, {}  # per pagina: ogni riga con la regola che la scarta; perché se ne va
for nome, righe in pagine.items():
    testo = " ".join(righe).lower()  # prima le regole sulla pagina intera, poi quelle sulle righe
    motivi[nome] = next((m for m, vale in [
        ("una parola della lista", any(re.search(rf"\b{v}\b", testo) for v in LISTA)),
        ("contiene «lorem ipsum»", "lorem ipsum" in testo),
        ("contiene «{»", "{" in testo)] if vale), None)
    esami[nome] = [] if motivi[nome] else [(riga, perche_no(riga)) for riga in righe]
    buone = " ".join(riga for riga, regola in esami[nome] if regola is None)
    if motivi[nome] is None and len(re.findall(r"[.!?][\"”]?(?=\s|$)", buone)) < 3:
        motivi[nome] = "meno di 3 frasi nelle righe tenute"
    print(f"{nome}: {'tenuta' if motivi[nome] is None else 'SCARTATA, ' + motivi[nome]}")
    for riga, regola in esami[nome]:
        print(f"  {'+' if regola is None else '-'} {riga[:60]:<60} {regola or ''}".rstrip())

# la pagina cita questi valori
regole = [regola for esame in esami.values() for _, regola in esame]
n_pagine, pagine_tenute = len(pagine), list(motivi.values()).count(None)
righe_tenute, righe_scartate = regole.count(None), len(regole) - regole.count(None)
print(f"\npagine tenute: {pagine_tenute} su {n_pagine}; righe tenute: {righe_tenute}, "
      f"scartate: {righe_scartate}")
banner_italiano_tenuto = perche_no(pagine["p11"][0]) is None  # «Questo sito usa i cookie…»
assert banner_italiano_tenuto and motivi["p06"] is None  # le regole inglesi non vedono l'italiano
SENZA = "senza punteggiatura finale"  # p01 perde menu e titolo, «Read more.», JavaScript, cookie
assert [r for _, r in esami["p01"]] == [SENZA, SENZA, None, None, None, None, "meno di 5 parole",
                                        "contiene «javascript»", "avviso su cookie o privacy"]
attese = {"p01": None, "p02": "contiene «lorem ipsum»", "p03": "contiene «{»",
          "p04": "una parola della lista", "p05": "meno di 3 frasi nelle righe tenute",
          "p11": "meno di 3 frasi nelle righe tenute"}  # ciò che la pagina racconta
assert all(motivi[p] == m for p, m in attese.items())
