# Le attivazioni salvate per il backward, contate con un hook, con e senza checkpointing.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).train()  # il checkpointing vale in train()
testi = ["Recensione: Il servizio era lento e il cibo freddo.\nSentiment:"] * 4
ingresso = tokenizer(testi, return_tensors="pt")
etichette = tokenizer(["negativo"] * 4, return_tensors="pt").input_ids
pesi = {p.untyped_storage().data_ptr() for p in model.parameters()}


def passo():
    """Forward e backward; restituisce i byte salvati per il backward e i gradienti."""
    salvati = {}  # un tensore salvato più volte, o una sua vista, si conta una volta sola

    def impacchetta(t):
        memoria = t.untyped_storage()
        if memoria.data_ptr() not in pesi:  # anche i pesi vengono salvati: non sono attivazioni
            salvati[memoria.data_ptr()] = memoria.nbytes()
        return t

    model.zero_grad()  # .grad = None: i gradienti restituiti prima restano intatti
    torch.manual_seed(0)  # lo stesso dropout nelle due misure
    with torch.autograd.graph.saved_tensors_hooks(impacchetta, lambda t: t):
        perdita = model(**ingresso, labels=etichette, use_cache=False).loss
    perdita.backward()
    return sum(salvati.values()), [p.grad for p in model.parameters()]


byte_senza, grad_senza = passo()
# Da qui ogni blocco tiene solo il suo ingresso, e nel backward rifà il suo forward.
# Il vecchio nome, gradient_checkpointing_enable(), funziona ancora ma sparirà in v6.
model.activation_checkpointing_enable()
byte_con, grad_con = passo()
print(f"ingresso: {tuple(ingresso.input_ids.shape)} token, bersaglio {tuple(etichette.shape)}")
print(f"attivazioni salvate, senza checkpointing: {byte_senza:>12,} byte")
print(f"attivazioni salvate, con checkpointing:   {byte_con:>12,} byte")
# Il backward somma gli stessi termini in un altro ordine: uguali a meno degli arrotondamenti.
stessi = all(torch.allclose(a, b, rtol=1e-4, atol=1e-5) for a, b in zip(grad_senza, grad_con))
print(f"stessi gradienti (rtol 1e-4, atol 1e-5): {stessi}")
assert byte_con < byte_senza and stessi
rapporto_attivazioni = byte_senza / byte_con
