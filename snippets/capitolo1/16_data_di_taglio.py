# Domande che il modello non può sapere: un fatto successivo ai suoi dati e un'entità inventata.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

# Per ogni domanda, che cosa sappiamo noi e il modello no (lo scriviamo prima di eseguirlo).
domande = {
    "Who won the 2022 FIFA World Cup final?": "finale giocata il 18 dicembre 2022, "
    "dopo l'uscita di Flan-T5 (20 ottobre 2022)",
    "In which year did the Champions League final of 2021 take place?": "domanda che "
    "contiene già la risposta: serve da controllo",
    "Who was the first mayor of Borgo San Vito?": "Borgo San Vito è un paese inventato "
    "per questa guida: qualunque nome è un fatto inventato",
    "Summarize the novel 'The Glass Orchard' by Marta Bellandi.": "libro e autrice "
    "inventati: qualunque trama è un fatto inventato",
}

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

inputs = tokenizer(list(domande), padding=True, return_tensors="pt")
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=30, do_sample=False)
risposte = tokenizer.batch_decode(uscite, skip_special_tokens=True)
blocchi = [
    f"domanda:  {domanda}\nrisposta: {risposta}\nnota:     {nota}"
    for (domanda, nota), risposta in zip(domande.items(), risposte)
]
print("\n\n".join(blocchi))
