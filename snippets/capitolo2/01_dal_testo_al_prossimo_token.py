# Dal testo al prossimo token: le forme dei tensori a ogni passo dentro Flan-T5.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

testo = "Traduci in inglese: il gatto dorme sul divano."
ids = tokenizer(testo, return_tensors="pt").input_ids
print("1. token:      ", tokenizer.convert_ids_to_tokens(ids[0])[:8], "...")
print("2. id:         ", tuple(ids.shape), ids[0, :8].tolist(), "...")

with torch.inference_mode():
    vettori = model.get_input_embeddings()(ids)
    print("3. embedding:  ", tuple(vettori.shape))
    encoder = model.get_encoder()(input_ids=ids).last_hidden_state
    print("4. encoder:    ", tuple(encoder.shape))
    # il decoder parte dal suo token iniziale e produce un punteggio per ogni token del vocabolario
    inizio = torch.tensor([[model.config.decoder_start_token_id]])
    logits = model(encoder_outputs=(encoder,), decoder_input_ids=inizio).logits
    print("5. logits:     ", tuple(logits.shape))

probabilita = torch.softmax(logits[0, -1], dim=-1)
# le ultime righe del vocabolario possono non avere un pezzo nel tokenizer: le escludiamo
migliori = torch.topk(probabilita[: len(tokenizer)], k=5)
print("\n6. i cinque token più probabili come primo token della risposta")
for p, i in zip(migliori.values.tolist(), migliori.indices.tolist()):
    print(f"   {tokenizer.convert_ids_to_tokens(i):<14} {p:.4f}")
