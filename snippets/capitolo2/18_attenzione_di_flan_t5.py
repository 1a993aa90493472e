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
# Il decoder legge la risposta spostata di un posto: il token di partenza, poi la risposta
# senza l'ultimo token (</s>). Passarla come labels= farebbe lo stesso spostamento di
# nascosto e calcolerebbe anche una perdita che qui non serve.
partenza = torch.tensor([[model.config.decoder_start_token_id]])
decoder_ids = torch.cat([partenza, uscita[:, :-1]], dim=1)
print("il decoder legge:", tokenizer.convert_ids_to_tokens(decoder_ids[0]))
with torch.inference_mode():
    out = model(**ingresso, decoder_input_ids=decoder_ids, output_attentions=True)

n_enc, n_dec = ingresso.input_ids.shape[1], decoder_ids.shape[1]
attese = {"encoder_attentions": (n_enc, n_enc), "decoder_attentions": (n_dec, n_dec)}
attese["cross_attentions"] = (n_dec, n_enc)  # query dal decoder, chiavi dall'encoder
for nome, (query, chiavi) in attese.items():
    pesi = getattr(out, nome)  # una tupla: un tensore per strato
    print(
        f"{nome:<19} {len(pesi)} strati x {tuple(pesi[0].shape)}",
        "(sequenze, teste, query, chiavi)",
    )
    assert tuple(pesi[0].shape) == (1, model.config.num_heads, query, chiavi)

strato, testa = model.config.num_layers - 1, 0  # ultimo strato dell'encoder, prima testa
mappa = out.encoder_attentions[strato][0, testa]
token = tokenizer.convert_ids_to_tokens(ingresso.input_ids[0])
# la pagina cita questi valori: il token che riceve più peso nella mappa, sommando le righe
colonne = mappa.sum(dim=0)
piu_guardato = token[colonne.argmax().item()]
quota_piu_guardato = (colonne.max() / colonne.sum()).item()
teste_per_strato = model.config.num_heads
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
