# Zero-, one- e few-shot sulla stessa frase: cambia solo il prompt, i pesi restano identici.
import csv
import hashlib
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()


def impronta(modello):
    """Un'impronta SHA-256 di tutti i pesi, nell'ordine in cui il modello li elenca."""
    h = hashlib.sha256()
    for _, p in modello.named_parameters():
        h.update(p.detach().float().numpy().tobytes())
    return h.hexdigest()[:16]


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
esempi = [per_id[i] for i in ("s002", "s003", "s001")]  # un positivo, un negativo, un neutro
frase, etichetta = per_id["s014"]["testo_it"], per_id["s014"]["etichetta"]

istruzione = "Classifica il sentiment del testo come positivo, negativo o neutro.\n\n"
dimostrazioni = [f"Testo: {r['testo_it']}\nRisposta: {r['etichetta']}\n\n" for r in esempi]
domanda = f"Testo: {frase}\nRisposta:"
prompt = {
    "zero-shot": istruzione + domanda,
    "one-shot": istruzione + dimostrazioni[0] + domanda,
    "few-shot": istruzione + "".join(dimostrazioni) + domanda,
}

prima = impronta(model)
print(f"frase: {frase}\n")
print(f"{'modalità':<10} {'esempi':>6} {'token del prompt':>17}  risposta")
lunghezze, risposte = {}, {}
for (modo, testo), n_esempi in zip(prompt.items(), (0, 1, 3)):
    ingresso = tokenizer(testo, return_tensors="pt")
    with torch.inference_mode():
        uscita = model.generate(**ingresso, max_new_tokens=5, do_sample=False)
    risposte[modo] = tokenizer.decode(uscita[0], skip_special_tokens=True)
    lunghezze[modo] = ingresso.input_ids.shape[1]
    print(f"{modo:<10} {n_esempi:>6} {lunghezze[modo]:>17}  {risposte[modo]}")
dopo = impronta(model)
print(f"\nimpronta dei pesi prima: {prima}\nimpronta dei pesi dopo:  {dopo}")
print("pesi invariati:", prima == dopo)
assert prima == dopo

# Il testo che il modello riceve davvero: il tokenizer di T5 non ha un token per l'a capo.
ids_letti = tokenizer(prompt["one-shot"]).input_ids
letto = tokenizer.decode(ids_letti)
assert "\n" not in letto
print(f"\nil prompt one-shot come lo legge il modello:\n{letto}")

# la pagina cita questi valori: lunghezze, token aggiunti dagli esempi, accordo tra le risposte,
# risposte uguali all'etichetta del data set, <unk> letti
token_zero, token_few = lunghezze["zero-shot"], lunghezze["few-shot"]
costo_few_shot = token_few / token_zero
token_in_piu = token_few - token_zero  # gli stessi per ogni frase: gli esempi non cambiano
diverse = len(set(risposte.values()))
accordo = ["la stessa risposta", "due risposte diverse", "tre risposte diverse"][diverse - 1]
giuste = sum(r.strip() == etichetta for r in risposte.values())
unk_nel_prompt = ids_letti.count(tokenizer.unk_token_id)
