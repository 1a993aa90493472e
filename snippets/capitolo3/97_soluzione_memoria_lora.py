# Soluzione: la memoria di addestramento di Flan-T5-base con LoRA (r = 8 su q e v) e senza.
import torch
from transformers import T5Config, T5ForConditionalGeneration

config = T5Config(
    vocab_size=32128,
    d_model=768,
    d_kv=64,
    d_ff=2048,
    num_layers=12,
    num_heads=12,
    feed_forward_proj="gated-gelu",
)
with torch.device("meta"):  # forme senza dati, come nello snippet dei modelli grandi
    modello = T5ForConditionalGeneration(config)
n = sum(p.numel() for p in modello.parameters())
if modello.lm_head.weight is modello.shared.weight:  # legate qui, due matrici in Flan-T5
    n += modello.lm_head.weight.numel()
forme = [m.weight.shape for nome, m in modello.named_modules() if nome.split(".")[-1] in ("q", "v")]
n_lora = sum(8 * (d + k) for d, k in forme)

# float32 e Adam: il modello completo paga 16 byte per parametro; con LoRA i pesi originali
# restano (4 byte, nessun gradiente, nessuno stato), e solo A e B pagano 4 + 4 + 8.
completo = 16 * n
con_lora = 4 * n + 16 * n_lora
print(f"parametri: {n:,}; parametri LoRA: {n_lora:,}")
print(f"fine-tuning completo: {completo / 1e9:.2f} GB")
print(f"LoRA r = 8 su q e v:  {con_lora / 1e9:.2f} GB ({con_lora / completo:.1%} del completo)")
assert con_lora < completo / 3.9  # poco più dei soli pesi: un quarto dei 16 byte
gb_completo, gb_lora, quota_lora = completo / 1e9, con_lora / 1e9, con_lora / completo
