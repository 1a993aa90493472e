# Sentiment zero-shot con Flan-T5: un testo, un'istruzione con le risposte ammesse, una risposta.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()  # modalità inferenza: niente dropout

testo = "La pizza era fredda e il cameriere scortese."
prompt = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\n"
    f"Testo: {testo}\nRisposta:"
)
inputs = tokenizer(prompt, return_tensors="pt")
# La pagina cita questi valori: i token del prompt e quelli dell'istruzione, uguale per ogni testo
n_token = inputs.input_ids.shape[1]
token_istruzione = len(tokenizer(prompt.split("\n")[0], add_special_tokens=False).input_ids)
# Ciò che arriva al modello sono i token: ritrasformati in testo, mostrano che cosa legge davvero
print(f"scritto: {prompt!r}")
print(f"letto:   {tokenizer.decode(inputs.input_ids[0])!r}")
print(f"input_ids: {tuple(inputs.input_ids.shape)} (1 prompt, {n_token} token)")

with torch.inference_mode():
    # do_sample=False: decodifica greedy, la stessa domanda dà sempre la stessa risposta
    uscita = model.generate(**inputs, max_new_tokens=5, do_sample=False)

fermato_da_se = uscita[0, -1].item() == tokenizer.eos_token_id  # ultimo token: </s>?
print(f"uscita:    {tuple(uscita.shape)}")
print(f"token generati: {tokenizer.convert_ids_to_tokens(uscita[0])}")
print(f"risposta:  {tokenizer.decode(uscita[0], skip_special_tokens=True)!r}")
