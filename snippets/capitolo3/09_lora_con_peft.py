# LoRA con peft: avvolgi il modello, conta i parametri addestrabili, controlla il punto di partenza.
import os

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

ingresso = tokenizer("Recensione: Il servizio era ottimo.\nSentiment:", return_tensors="pt")
decoder = torch.tensor([[model.config.decoder_start_token_id]])
with torch.inference_mode():
    logit_prima = model(**ingresso, decoder_input_ids=decoder).logits

forme = [m.weight.shape for n, m in model.named_modules() if n.split(".")[-1] in ("q", "v")]
torch.manual_seed(0)  # A parte da numeri casuali; B parte da zero
config = LoraConfig(r=8, lora_alpha=16, target_modules=["q", "v"], task_type="SEQ_2_SEQ_LM")
lora = get_peft_model(model, config)

addestrabili = sum(p.numel() for p in lora.parameters() if p.requires_grad)
totali = sum(p.numel() for p in lora.parameters())
print(f"parametri addestrabili: {addestrabili:>12,}")
print(f"parametri totali:       {totali:>12,}")
print(f"quota addestrabile:     {100 * addestrabili / totali:>11.3f} %\n")
# Lo stesso conto dello snippet precedente: r·(d+k) per ogni proiezione q e v.
assert addestrabili == sum(config.r * (d + k) for d, k in forme)

for nome, p in lora.named_parameters():
    if p.requires_grad and ".block.0." in nome and "encoder" in nome:
        print(f"{nome.removeprefix('base_model.model.'):<60} {tuple(p.shape)}")
B = [p for n, p in lora.named_parameters() if "lora_B" in n]
B_zero = all(bool((b == 0).all()) for b in B)
print(f"\nmatrici B: {len(B)}, tutte a zero: {B_zero}")
with torch.inference_mode():
    logit_dopo = lora(**ingresso, decoder_input_ids=decoder).logits
identici = torch.equal(logit_prima, logit_dopo)
print("logit identici prima e dopo l'avvolgimento:", identici)
assert B_zero and identici
