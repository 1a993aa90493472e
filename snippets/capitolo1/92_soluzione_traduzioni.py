# Soluzione: la stessa frase tradotta in tre lingue, due previste dal vocabolario di T5 e una no.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
LINGUE = ["German", "French", "Italian"]
FRASE = "The train to Milan leaves at eight."

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

prompt = [f"Translate English to {lingua}: {FRASE}" for lingua in LINGUE]
inputs = tokenizer(prompt, padding=True, return_tensors="pt")
with torch.inference_mode():
    uscite = model.generate(**inputs, max_new_tokens=40, do_sample=False)
print(f"frase: {FRASE}")
for lingua, testo in zip(LINGUE, tokenizer.batch_decode(uscite, skip_special_tokens=True)):
    print(f"{lingua:<8} -> {testo}")
