# Lo stesso testo con tre prompt: con le risposte ammesse, senza, e con l'istruzione in inglese.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()

PROMPT = {
    "con le risposte": "Classifica il sentiment del testo come positivo, negativo o neutro.\n"
    "Testo: {testo}\nRisposta:",
    "senza risposte": "Che cosa esprime questo testo?\nTesto: {testo}\nRisposta:",
    "in inglese": "Classify the sentiment of the text as positive, negative or neutral.\n"
    "Text: {testo}\nAnswer:",
}
testi = [
    "La pizza era fredda e il cameriere scortese.",
    "Il corso è stato chiaro e utile, lo consiglio.",
    "Il museo apre alle nove nei giorni feriali.",
]

risposte = {nome: [] for nome in PROMPT}
print(f"{'prompt':<17}{'testo':<48}risposta")
for nome, modello_di_prompt in PROMPT.items():
    for testo in testi:
        inputs = tokenizer(modello_di_prompt.format(testo=testo), return_tensors="pt")
        with torch.inference_mode():
            uscita = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        risposta = tokenizer.decode(uscita[0], skip_special_tokens=True)
        risposte[nome].append(risposta)
        print(f"{nome:<17}{testo:<48}{risposta!r}")

# La pagina cita questi conteggi: quante risposte sono esattamente una delle parole ammesse
AMMESSE, IN_INGLESE = ("positivo", "negativo", "neutro"), ("positive", "negative", "neutral")
esatte_con_elenco = sum(r in AMMESSE for r in risposte["con le risposte"])
esatte_senza_elenco = sum(r in AMMESSE for r in risposte["senza risposte"])
in_inglese = sum(r in IN_INGLESE for r in risposte["in inglese"])
