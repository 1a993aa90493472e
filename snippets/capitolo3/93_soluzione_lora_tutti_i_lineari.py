# Soluzione: LoRA (r = 8) su tutti gli strati lineari, non solo q e v; conto e verifica con peft.
import os

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
R = 8

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
totale = sum(p.numel() for p in model.parameters())
lineari = [
    (nome.split(".")[-1], *m.weight.shape)
    for nome, m in model.named_modules()
    if isinstance(m, torch.nn.Linear) and nome != "lm_head"  # la testa di uscita resta fuori
]

print(f"{'strato':<7} {'quanti':>6} {'parametri LoRA':>15}")
per_tipo = {}
for tipo, d, k in lineari:
    quanti, somma = per_tipo.get(tipo, (0, 0))
    per_tipo[tipo] = (quanti + 1, somma + R * (d + k))
for tipo, (quanti, somma) in sorted(per_tipo.items()):
    print(f"{tipo:<7} {quanti:>6} {somma:>15,}")

solo_qv = sum(s for t, (_, s) in per_tipo.items() if t in ("q", "v"))
tutti = sum(s for _, s in per_tipo.values())
print("-" * 30)
print(f"solo q e v:        {solo_qv:>12,}  ({100 * solo_qv / totale:.3f} % del modello)")
print(f"tutti i lineari:   {tutti:>12,}  ({100 * tutti / totale:.3f} % del modello)")

config = LoraConfig(r=R, target_modules="all-linear", task_type="SEQ_2_SEQ_LM")
lora = get_peft_model(model, config)
contati = sum(p.numel() for p in lora.parameters() if p.requires_grad)
print(f"contati da peft:   {contati:>12,}  (uguali al conto: {contati == tutti})")
assert contati == tutti
# la pagina cita questi valori
quota_tutti, volte_qv = tutti / totale, tutti / solo_qv
