# Generare a mano, un token alla volta (greedy), e controllare che sia ciò che fa generate.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
N = 10  # numero massimo di token nuovi

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

prompt = "Translate English to German: The weather is nice today."
inputs = tokenizer(prompt, return_tensors="pt")
risposta = torch.tensor([[model.config.decoder_start_token_id]])
print(f"{'passo':>5}  {'token scelto':<16}{'probabilità':>12}")
with torch.inference_mode():
    letto = model.get_encoder()(**inputs)
    for passo in range(1, N + 1):
        logits = model(
            encoder_outputs=letto,
            attention_mask=inputs.attention_mask,
            decoder_input_ids=risposta,
        ).logits[0, -1]
        p, scelto = torch.softmax(logits, dim=-1).max(dim=-1)  # greedy: il più probabile
        risposta = torch.cat([risposta, scelto.view(1, 1)], dim=1)  # lo aggiungo alla risposta
        token = tokenizer.convert_ids_to_tokens(scelto.item())
        print(f"{passo:>5}  {token:<16}{p.item():>12.4f}")
        if scelto.item() == model.config.eos_token_id:  # fine del testo: mi fermo
            break
    attesa = model.generate(**inputs, max_new_tokens=N, do_sample=False)

print(f"\nrisposta a mano:    {tokenizer.decode(risposta[0], skip_special_tokens=True)!r}")
print(f"risposta generate:  {tokenizer.decode(attesa[0], skip_special_tokens=True)!r}")
uguali = torch.equal(risposta, attesa)
print(f"stessi token? {uguali}  (a mano {tuple(risposta.shape)}, generate {tuple(attesa.shape)})")
assert uguali, "il ciclo a mano e generate hanno scelto token diversi"
