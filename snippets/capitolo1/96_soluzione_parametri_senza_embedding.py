# Soluzione: i parametri senza embedding (la N di Kaplan) e la formula 12·strati·d_model².
import os

from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
totale = sum(p.numel() for p in model.parameters())
# Gli embedding: la matrice condivisa e, se non è la stessa, la testa che dà i logit.
embedding = model.shared.weight.numel()
if model.lm_head.weight is not model.shared.weight:
    embedding += model.lm_head.weight.numel()
print(f"parametri in tutto:      {totale:>14,}".replace(",", " "))
print(f"di cui embedding:        {embedding:>14,}  ({embedding / totale:.1%})".replace(",", " "))
print(f"senza embedding (N):     {totale - embedding:>14,}".replace(",", " "))

# GPT-3: 96 strati, d_model = 12 288 (Brown et al., Tabella 2.1). Kaplan et al., §2.1:
# N ≈ 12 · strati · d_model², con d_attn = d_model e d_ff = 4 · d_model.
n_gpt3 = 12 * 96 * 12288**2
print(f"\nGPT-3, 12 · 96 · 12288²: {n_gpt3 / 1e9:.1f} miliardi (dichiarati: 175)")
assert abs(n_gpt3 / 175e9 - 1) < 0.01
