# Lo stesso compito in tre formati: prefisso alla T5, istruzione in inglese, istruzione in italiano.
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
frasi = [per_id["s024"], per_id["s027"]]

formati = {
    "prefisso T5": lambda r: f"sst2 sentence: {r['testo_en']}",
    "istruzione EN": lambda r: (
        "Is the sentiment of this review positive, negative or neutral?\n" + r["testo_en"]
    ),
    "istruzione IT": lambda r: (
        "Qual è il sentiment di questa recensione? Rispondi con positivo, negativo o neutro.\n"
        + r["testo_it"]
    ),
}
prompt = [scrivi(r) for r in frasi for scrivi in formati.values()]  # 6 prompt, un solo batch
ingresso = tokenizer(prompt, return_tensors="pt", padding=True)
with torch.inference_mode():
    uscita = model.generate(**ingresso, max_new_tokens=8, do_sample=False)
risposte = iter(tokenizer.batch_decode(uscita, skip_special_tokens=True))

for r in frasi:
    print(f"{r['id']} ({r['etichetta']}): {r['testo_it']}")
    for nome in formati:
        print(f"    {nome:<14} -> {next(risposte)}")
