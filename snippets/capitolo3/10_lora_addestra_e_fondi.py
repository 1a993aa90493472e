# LoRA dopo qualche passo: l'adattatore pesa poco su disco e, fuso in W, non aggiunge parametri.
import os
import tempfile

import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import load_file
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
parametri_base = sum(p.numel() for p in model.parameters())

torch.manual_seed(0)
config = LoraConfig(r=8, lora_alpha=16, target_modules=["q", "v"], task_type="SEQ_2_SEQ_LM")
lora = get_peft_model(model, config)
testi = ["Recensione: Cibo ottimo.\nSentiment:", "Recensione: Camera sporca.\nSentiment:"]
ingresso = tokenizer(testi, return_tensors="pt", padding=True)
etichette = tokenizer(["positivo", "negativo"], return_tensors="pt", padding=True)
etichette = etichette.input_ids.masked_fill(etichette.attention_mask == 0, -100)

ottimizzatore = torch.optim.AdamW([p for p in lora.parameters() if p.requires_grad], lr=1e-3)
lora.train()
perdite = []
for passo in range(5):
    perdita = lora(**ingresso, labels=etichette).loss
    ottimizzatore.zero_grad()
    perdita.backward()
    ottimizzatore.step()
    perdite.append(perdita.item())
    print(f"passo {passo + 1}  perdita {perdita.item():.4f}")

lora.eval()
with tempfile.TemporaryDirectory() as cartella:
    lora.save_pretrained(cartella, save_embedding_layers=False)  # solo A e B
    file = os.path.join(cartella, "adapter_model.safetensors")
    byte = os.path.getsize(file)
    assert all("lora_A" in n or "lora_B" in n for n in load_file(file))
mb_adattatore, mb_modello = byte / 1e6, parametri_base * 4 / 1e6
print(f"\nfile dell'adattatore:           {mb_adattatore:>10.3f} MB")
print(f"modello intero in float32:      {mb_modello:>10.3f} MB")

with torch.inference_mode():
    logit_adattatore = lora(**ingresso, labels=etichette).logits
    fuso = lora.merge_and_unload()  # W ← W + (alpha/r)·B·A, poi via A e B
    logit_fuso = fuso(**ingresso, labels=etichette).logits
parametri_fuso = sum(p.numel() for p in fuso.parameters())
print(f"parametri dopo la fusione:      {parametri_fuso:>10,}")
print(f"parametri del modello di base:  {parametri_base:>10,}")
uguali = torch.allclose(logit_adattatore, logit_fuso, atol=1e-3)
print(f"stessi logit (entro 0.001):     {uguali!s:>10}")
assert parametri_fuso == parametri_base and uguali

# la pagina cita questi valori: la perdita al primo passo (prima di ogni aggiornamento, B = 0)
# e all'ultimo, sulle stesse due frasi, con un verdetto sulle cifre mostrate; quante volte il
# modello intero pesa l'adattatore, in numero intero
perdita_prima, perdita_ultima = perdite[0], perdite[-1]
andamento = "è scesa" if round(perdita_ultima, 2) < round(perdita_prima, 2) else "non è scesa"
volte_piu_grande = round(mb_modello / mb_adattatore)
assert volte_piu_grande >= 2  # la pagina scrive «N volte tanto»
