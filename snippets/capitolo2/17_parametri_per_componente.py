# Quanti parametri ha il modello, e dove stanno: embedding, encoder, decoder, testa di uscita.
import os
from collections import Counter

from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
totale = sum(p.numel() for p in model.parameters())  # i pesi condivisi contano una volta

per_componente, per_parte = Counter(), Counter()
for nome, peso in model.named_parameters():  # anche qui ogni peso compare una volta sola
    per_componente[nome.split(".")[0]] += peso.numel()
    if nome.startswith(("encoder.block.0.", "decoder.block.0.")):
        stack, _, _, _, _, modulo = nome.split(".")[:6]  # es. encoder.block.0.layer.0.SelfAttention
        per_parte[f"{stack} {modulo}"] += peso.numel()

print(f"{'componente':<12} {'parametri':>13} {'quota':>7}")
for nome, n in per_componente.items():
    print(f"{nome:<12} {n:>13_} {n / totale:>7.1%}")
if model.lm_head.weight is model.shared.weight:
    print(f"{'lm_head':<12} {'condivisa':>13}   (usa la matrice di shared)")
print(f"{'totale':<12} {totale:>13_}")
megabyte = totale * 4 / 1e6
print(f"in float32 (4 byte ciascuno): circa {megabyte:.1f} MB")
# la pagina cita questi valori: la quota degli embedding (shared, più lm_head se è sua)
quota_embedding = (per_componente["shared"] + per_componente["lm_head"]) / totale
decoder_su_encoder = per_componente["decoder"] / per_componente["encoder"]

print(f"\nil primo blocco, parte per parte\n{'parte':<32} {'parametri':>11}")
for nome, n in per_parte.items():
    print(f"{nome:<32} {n:>11_}")
