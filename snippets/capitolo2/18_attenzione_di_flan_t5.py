# I pesi di attenzione veri di Flan-T5 su una frase: forme dei tre tipi di attenzione e una figura.
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
# "eager": l'attenzione calcolata passo per passo, così il modello può restituire i pesi
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, attn_implementation="eager")
model.eval()

ingresso = tokenizer("Il gatto dorme sul divano perché è stanco.", return_tensors="pt")
uscita = tokenizer("The cat sleeps.", return_tensors="pt").input_ids
with torch.inference_mode():
    out = model(**ingresso, labels=uscita, output_attentions=True)

for nome in ["encoder_attentions", "decoder_attentions", "cross_attentions"]:
    pesi = getattr(out, nome)  # una tupla: un tensore per strato
    print(f"{nome:<19} {len(pesi)} strati x {tuple(pesi[0].shape)} (frasi, teste, query, chiavi)")

strato, testa = model.config.num_layers - 1, 0  # ultimo strato dell'encoder, prima testa
mappa = out.encoder_attentions[strato][0, testa]
token = tokenizer.convert_ids_to_tokens(ingresso.input_ids[0])
fig, ax = plt.subplots(figsize=(6.5, 5.5))
ax.imshow(mappa.numpy(), cmap="Blues", vmin=0)
ax.set_xticks(range(len(token)), token, rotation=90)
ax.set_yticks(range(len(token)), token)
ax.set_xlabel("token guardato (chiave)")
ax.set_ylabel("token che guarda (query)")
ax.set_title(f"Encoder, strato {strato}, testa {testa}")
fig.tight_layout()
fig.savefig(
    "attenzione_flan_t5.png",
    dpi=110,
    metadata={"Title": "Attenzione dell'encoder su una frase italiana, una testa"},
)
print("figura salvata: attenzione_flan_t5.png")
