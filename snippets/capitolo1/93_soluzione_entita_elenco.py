# Soluzione: chiedere le entità come elenco e controllare ognuna contro il testo.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
TESTO = "Maria Rossi joined Ferrari in Maranello in 2019, after ten years at Fiat in Turin."

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

prompt = (
    "List the people, organizations and places mentioned in this text. "
    f"Answer with a comma-separated list.\nText: {TESTO}"
)
inputs = tokenizer(prompt, return_tensors="pt")
with torch.inference_mode():
    uscita = model.generate(**inputs, max_new_tokens=40, do_sample=False)
risposta = tokenizer.decode(uscita[0], skip_special_tokens=True)

print(f"risposta grezza: {risposta!r}")
voci = [v.strip() for v in risposta.split(",") if v.strip()]
for voce in voci:
    # Un'entità vera deve comparire, lettera per lettera, nel testo.
    print(f"  {voce:<24} {'nel testo' if voce in TESTO else 'NON nel testo'}")
print(f"voci: {len(voci)}")

# Che cosa il controllo scopre e che cosa no: un nome inventato non passa,
# ma un pezzo di frase copiato dal testo passa anche se non è un'entità.
assert "Luca Bianchi" not in TESTO and "joined Ferrari" in TESTO
