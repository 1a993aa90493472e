# Soluzione: più passi sulle stesse 9 frasi, poi domande estranee al sentiment, prima e dopo.
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
addestramento = [
    per_id[i] for i in ("s002", "s003", "s001", "s005", "s004", "s009", "s007", "s015", "s011")
]
sonde = [
    "translate English to German: The train leaves at nine.",
    "Answer the question: what is the capital of France?",
    "Recensione: La cena era squisita e il personale gentilissimo.\nSentiment:",
]


def rispondi(testi):
    model.eval()
    ingresso = tokenizer(testi, return_tensors="pt", padding=True)
    with torch.inference_mode():
        uscita = model.generate(**ingresso, max_new_tokens=12, do_sample=False)
    return tokenizer.batch_decode(uscita, skip_special_tokens=True)


prima = rispondi(sonde)
perdite = []
torch.manual_seed(0)
ottimizzatore = torch.optim.Adafactor(model.parameters(), lr=1e-3)
for passo in range(18):  # 6 epoche sulle stesse 9 frasi
    batch = addestramento[(passo * 3) % 9 : (passo * 3) % 9 + 3]
    testi = [f"Recensione: {r['testo_it']}\nSentiment:" for r in batch]
    ingresso = tokenizer(testi, return_tensors="pt", padding=True)
    etichette = tokenizer([r["etichetta"] for r in batch], return_tensors="pt", padding=True)
    etichette = etichette.input_ids.masked_fill(etichette.attention_mask == 0, -100)
    model.train()
    perdita = model(**ingresso, labels=etichette).loss
    ottimizzatore.zero_grad()
    perdita.backward()
    ottimizzatore.step()
    perdite.append(perdita.item())
    if (passo + 1) % 6 == 0:
        print(f"passo {passo + 1:>2}  perdita {perdita.item():.4f}")

dopo = rispondi(sonde)
for sonda, a, b in zip(sonde, prima, dopo):
    print(f"domanda: {sonda.replace(chr(10), ' ↵ ')}\n    prima: {a}\n    dopo:  {b}")

# la pagina cita questi valori: la perdita media della prima e dell'ultima epoca (le stesse
# nove frasi), e delle due domande estranee al sentiment (le prime due sonde) quante hanno
# cambiato risposta e quante ora ricevono un'etichetta del compito
media_prima, media_ultima = sum(perdite[:3]) / 3, sum(perdite[-3:]) / 3
cambiate = sum(a != b for a, b in zip(prima[:2], dopo[:2]))
compito = {"positivo", "negativo", "neutro"}  # le etichette del sentiment
diventate_etichette = sum(b.strip() in compito for b in dopo[:2])
