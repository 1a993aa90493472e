# Testi difficili: vuoto, troppo lungo, in un'altra lingua, solo emoji. Che cosa arriva al modello?
import os
import re

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
MAX_TOKEN = 512  # la lunghezza delle sequenze con cui T5 è stato pre-addestrato

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


descrizione = "La lavatrice ha dieci programmi, un oblò grande e un display con il timer. "
casi = {
    "vuoto": "   ",
    "lungo": descrizione * 60 + "Peccato che dopo un mese perda acqua: soldi buttati.",
    "tedesco": "Das Essen war kalt und der Kellner unfreundlich.",
    "spagnolo": "La comida estaba fría y el camarero fue muy antipático.",
    "solo emoji": "😡😡😡",
}
print(f"{'caso':<12}{'token':>6}{'<unk>':>7}  {'risposta':<14}etichetta")
risultati = {}  # caso -> (token, <unk>, risposta, etichetta, token prima del taglio)
for nome, testo in casi.items():
    if not testo.strip():  # niente da classificare: non chiamiamo il modello
        print(f"{nome:<12}{0:>6}{0:>7}  {'(nessuna)':<14}non riconosciuto")
        continue
    prompt = PROMPT.format(testo=testo)
    interi = len(tokenizer(prompt).input_ids)
    inputs = tokenizer(prompt, return_tensors="pt", truncation=True, max_length=MAX_TOKEN)
    n = inputs.input_ids.shape[1]
    if interi > n:
        print(f"ATTENZIONE: testo «{nome}» troncato: tagliati {interi - n} token su {interi}")
        fine = tokenizer.decode(inputs.input_ids[0, -12:], skip_special_tokens=True)
        print(f"            il prompt ora finisce con: {fine!r}")
        # si perde la fine: il verdetto del testo e «Risposta:» non arrivano al modello
        assert "Risposta:" not in tokenizer.decode(inputs.input_ids[0])
    sconosciuti = (inputs.input_ids == tokenizer.unk_token_id).sum().item()
    with torch.inference_mode():
        uscita = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    risposta = tokenizer.decode(uscita[0], skip_special_tokens=True)
    print(f"{nome:<12}{n:>6}{sconosciuti:>7}  {risposta!r:<14}{normalizza(risposta)}")
    risultati[nome] = (n, sconosciuti, risposta, normalizza(risposta), interi)

# I valori che la pagina cita nel testo
token_lungo, _, _, etichetta_lungo, token_interi = risultati["lungo"]
tagliati = token_interi - token_lungo
assert tagliati > 0  # la pagina spiega il troncamento: il testo lungo deve superare il limite
token_tedesco, unk_tedesco, _, etichetta_tedesco, _ = risultati["tedesco"]
token_spagnolo, unk_spagnolo, _, etichetta_spagnolo, _ = risultati["spagnolo"]
token_emoji, unk_emoji, _, etichetta_emoji, _ = risultati["solo emoji"]
