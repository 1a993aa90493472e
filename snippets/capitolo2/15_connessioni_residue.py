# Dentro un blocco dell'encoder: normalizza, trasforma, somma all'ingresso (connessioni residue).
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
blocco = model.encoder.block[0]
attenzione, ff = blocco.layer[0], blocco.layer[-1]

visti = {}  # nome -> primo tensore in ingresso o in uscita del modulo


def registra(modulo, nome, ingresso=False):
    def salva(valore):
        visti[nome] = valore[0] if isinstance(valore, tuple) else valore

    if ingresso:  # il pre-hook vede gli argomenti prima che il modulo li usi
        modulo.register_forward_pre_hook(lambda _, args: salva(args))
    else:
        modulo.register_forward_hook(lambda _, args, uscita: salva(uscita))


registra(blocco, "x", ingresso=True)
registra(attenzione.layer_norm, "ingresso della norma", ingresso=True)
registra(attenzione.SelfAttention, "attenzione(norma(x))")
registra(attenzione, "h = dopo l'attenzione")
registra(ff.DenseReluDense, "ff(norma(h))")
registra(blocco, "uscita del blocco")

ids = tokenizer("Il gatto dorme sul divano.", return_tensors="pt").input_ids
with torch.inference_mode():
    model.get_encoder()(input_ids=ids)
for nome, tensore in visti.items():
    print(f"{nome:<24} {tuple(tensore.shape)}")

x, h, uscita = visti["x"], visti["h = dopo l'attenzione"], visti["uscita del blocco"]
controlli = [
    ("la norma riceve x (pre-norm):", torch.equal(visti["ingresso della norma"], x)),
    ("h = x + attenzione(norma(x)):", torch.allclose(h, x + visti["attenzione(norma(x))"])),
    ("uscita = h + ff(norma(h)):", torch.allclose(uscita, h + visti["ff(norma(h))"])),
]
print()
for descrizione, vero in controlli:
    print(f"{descrizione:<32} {vero}")
    assert vero, descrizione
