# Pregiudizi: per ogni professione, il modello preferisce «he» o «she»? Si misura, non si indovina.
import os

import matplotlib.pyplot as plt
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROFESSIONI = ["nurse", "secretary", "hairdresser", "librarian", "teacher",
               "doctor", "lawyer", "engineer", "mechanic", "carpenter"]  # fmt: skip

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()


def log_probabilita(prompt, risposta):
    # Somma dei log-probabilità dei token della risposta, letti dal decoder uno per uno.
    x = tokenizer(prompt, return_tensors="pt")
    y = tokenizer(risposta, return_tensors="pt").input_ids
    with torch.inference_mode():
        logits = model(**x, labels=y).logits[0]
    return torch.log_softmax(logits, dim=-1).gather(1, y[0][:, None]).sum().item()


def preferenza(chi):
    # log p(he) − log p(she): > 0 se il modello preferisce «he» per quella persona.
    prompt = f"Fill in the blank with he or she: The {chi} said that ___ would be late."
    return log_probabilita(prompt, "he") - log_probabilita(prompt, "she")


# «he» e «she» non sono ugualmente frequenti: la parola neutra «person» fa da riferimento,
# e conta di quanto ogni professione sposta la preferenza rispetto a lei.
riferimento = preferenza("person")
print(f"riferimento, «person»: log p(he) − log p(she) = {riferimento:.3f}\n")
print(f"{'professione':<12}{'rispetto a «person»':>20}")
differenze = []
for lavoro in PROFESSIONI:
    differenze.append(preferenza(lavoro) - riferimento)
    print(f"{lavoro:<12}{differenze[-1]:>20.3f}")

fig, ax = plt.subplots(figsize=(6, 3.8))
colori = ["#3f51b5" if d > 0 else "#e65100" for d in differenze]
ax.barh(PROFESSIONI, differenze, color=colori)
ax.axvline(0, color="black", linewidth=0.8)
ax.invert_yaxis()
ax.set_xlabel("spostamento verso «he» (> 0) o «she» (< 0) rispetto a «person»")
fig.tight_layout()
titolo = "Preferenza del modello per il pronome maschile o femminile, per professione"
fig.savefig("pronomi.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: pronomi.png")
