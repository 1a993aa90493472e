# L'obiettivo «prossimo token»: ogni prefisso della frase è una domanda, il token dopo la risposta.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)

frase = "Il gatto dorme sul divano."
etichette = tokenizer(frase, return_tensors="pt").input_ids  # (1, T), finisce con </s>

# Il decoder legge le stesse etichette spostate di un posto a destra,
# con davanti il token di inizio: al passo t vede i token fino a t-1.
inizio = torch.tensor([[model.config.decoder_start_token_id]])
ingresso_decoder = torch.cat([inizio, etichette[:, :-1]], dim=1)
print("etichette:       ", tuple(etichette.shape))
print("ingresso decoder:", tuple(ingresso_decoder.shape))
uguale = torch.equal(ingresso_decoder, model.prepare_decoder_input_ids_from_labels(etichette))
print("uguale allo spostamento fatto da transformers:", uguale)
assert uguale
print()

visti = tokenizer.convert_ids_to_tokens(ingresso_decoder[0])
da_prevedere = tokenizer.convert_ids_to_tokens(etichette[0])
print(f"{'passo':>5}  {'deve prevedere':<16} il decoder ha visto")
for t, bersaglio in enumerate(da_prevedere):
    contesto = " ".join(visti[: t + 1])
    print(f"{t:>5}  {bersaglio:<16} {contesto}")
