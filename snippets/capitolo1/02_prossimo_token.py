# Un solo passo del decoder di Flan-T5: i token più probabili per l'inizio della risposta.
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
K = 8  # quanti candidati mostrare

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

prompt = "Complete the sentence: I drink my coffee with"
inputs = tokenizer(prompt, return_tensors="pt")
# Il decoder parte da un solo token, quello di inizio: la risposta è ancora vuota.
inizio = torch.tensor([[model.config.decoder_start_token_id]])
with torch.inference_mode():
    letto = model.get_encoder()(**inputs)  # l'encoder legge il prompt una volta
    uscita = model(
        encoder_outputs=letto, attention_mask=inputs.attention_mask, decoder_input_ids=inizio
    )
logits = uscita.logits[0, -1]  # un punteggio per ogni token del vocabolario
probabilita = torch.softmax(logits, dim=-1)
# Le righe oltre len(tokenizer) non hanno un token (Flan-T5: 32 128 righe, 32 100 token).
migliori = torch.topk(probabilita[: len(tokenizer)], K)

print(f"prompt: {prompt!r}")
print(f"token del prompt:     {tuple(inputs.input_ids.shape)}")
print(f"stati dell'encoder:   {tuple(letto.last_hidden_state.shape)}")
print(f"logits del decoder:   {tuple(uscita.logits.shape)}")
print(f"\n{'pos.':>4}  {'token':<14}{'probabilità':>12}")
token = tokenizer.convert_ids_to_tokens(migliori.indices.tolist())
for i, (t, p) in enumerate(zip(token, migliori.values.tolist()), start=1):
    print(f"{i:>4}  {t:<14}{p:>12.4f}")
print(f"somma dei primi {K}: {migliori.values.sum():.4f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.barh(range(K), migliori.values.numpy(), color="#3f51b5")
ax.set_yticks(range(K), token)
ax.invert_yaxis()
ax.set_xlabel("probabilità del prossimo token")
fig.tight_layout()
titolo = f"Gli {K} token più probabili per l'inizio della risposta"
fig.savefig("prossimo_token.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: prossimo_token.png")
