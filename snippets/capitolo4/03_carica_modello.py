# Caricare tokenizer e modello (sulla GPU se c'è) e guardare quanto è grande.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device)
model.eval()  # modalità inferenza: niente dropout

c = model.config
parametri = sum(p.numel() for p in model.parameters())
byte = sum(p.numel() * p.element_size() for p in model.parameters())
print(f"dispositivo: {device}   tipo dei pesi: {dtype}")
print(f"tokenizer: {type(tokenizer).__name__}, {len(tokenizer)} token nel vocabolario")
print(f"modello:   {type(model).__name__}")
print(f"parametri: {parametri:,} ({parametri / 1e6:.1f} milioni)")
print(f"memoria dei pesi: {byte / 2**20:.1f} MiB")
print(f"strati: {c.num_layers} nell'encoder, {c.num_decoder_layers} nel decoder")
print(f"d_model {c.d_model}, teste di attenzione {c.num_heads}, d_ff {c.d_ff}")
