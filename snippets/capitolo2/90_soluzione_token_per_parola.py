# Soluzione: quanti token servono in media per una parola, in italiano e in inglese.
import csv
import os

from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]

print(f"{'lingua':<9} {'parole':>7} {'token':>7} {'token per parola':>17}")
per_parola = {}
for lingua, colonna in [("italiano", "testo_it"), ("inglese", "testo_en")]:
    testi = [riga[colonna] for riga in righe]
    parole = sum(len(testo.split()) for testo in testi)
    # add_special_tokens=False: contiamo solo i pezzi del testo, senza </s>
    token = sum(len(ids) for ids in tokenizer(testi, add_special_tokens=False).input_ids)
    per_parola[lingua] = token / parole
    print(f"{lingua:<9} {parole:>7} {token:>7} {per_parola[lingua]:>17.2f}")
print("testi per lingua:", len(righe))
per_parola_it, per_parola_en = per_parola["italiano"], per_parola["inglese"]  # citati dalla pagina
