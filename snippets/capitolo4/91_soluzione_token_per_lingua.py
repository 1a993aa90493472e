# Soluzione: quanti token servono agli stessi testi in italiano e in inglese, e quanti sono <unk>.
import csv
import os

from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]

ids = {
    lingua: [tokenizer(r[f"testo_{lingua}"], add_special_tokens=False).input_ids for r in righe]
    for lingua in ("it", "en")
}
print(f"{'lingua':<8}{'token in tutto':>15}{'per testo':>11}{'<unk>':>7}")
totali, unk = {}, {}
for lingua, liste in ids.items():
    totale = totali[lingua] = sum(len(x) for x in liste)
    sconosciuti = unk[lingua] = sum(x.count(tokenizer.unk_token_id) for x in liste)
    print(f"{lingua:<8}{totale:>15}{totale / len(liste):>11.1f}{sconosciuti:>7}")
piu_lunghi = sum(len(a) > len(b) for a, b in zip(ids["it"], ids["en"]))
print(f"testi che in italiano hanno più token che in inglese: {piu_lunghi}/{len(righe)}")
rapporto = totali["it"] / totali["en"]  # la pagina cita questi valori
unk_it, unk_en = unk["it"], unk["en"]
n_testi = len(righe)

# Il testo con il rapporto più alto, spezzato nei due modi
i = max(range(len(righe)), key=lambda i: (len(ids["it"][i]) / len(ids["en"][i]), righe[i]["id"]))
for lingua in ("it", "en"):
    print(f"{righe[i]['id']} in {lingua}, {len(ids[lingua][i])} token:")
    print(" ".join(tokenizer.convert_ids_to_tokens(ids[lingua][i])))
