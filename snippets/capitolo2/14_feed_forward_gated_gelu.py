# Il feed-forward di Flan-T5 (gated-GELU) rifatto a mano con i pesi del modello.
import os

import torch
from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
config = model.config
print("feed_forward_proj:", config.feed_forward_proj, " attivazione:", config.dense_act_fn)
ff = model.encoder.block[0].layer[-1].DenseReluDense  # feed-forward del primo strato
for nome, peso in ff.named_parameters():
    print(f"  {nome:<10} {tuple(peso.shape)}")

torch.manual_seed(0)
x = torch.randn(3, config.d_model)  # tre vettori qualsiasi: (3, d_model)
with torch.inference_mode():
    porta = ff.act(x @ ff.wi_0.weight.T)  # (3, d_ff): GELU, decide quanto lasciar passare
    lineare = x @ ff.wi_1.weight.T  # (3, d_ff): nessuna attivazione
    nascosto = porta * lineare  # prodotto elemento per elemento
    a_mano = nascosto @ ff.wo.weight.T  # di nuovo (3, d_model)
    del_modello = ff(x)
print("\nx", tuple(x.shape), "-> porta e lineare", tuple(porta.shape), end=" ")
print("-> uscita", tuple(a_mano.shape))
uguale = torch.allclose(a_mano, del_modello, rtol=1e-4, atol=1e-4)
print("a mano uguale al modulo:", uguale)
assert uguale
print("d_ff / d_model =", round(config.d_ff / config.d_model, 3))
