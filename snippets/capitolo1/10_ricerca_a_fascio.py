# Ricerca a fascio (beam search): che cosa tiene a ogni passo, e come generate dà il punteggio.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
B, PASSI = 3, 3  # quante strade tenere aperte, quanti passi mostrare
ALFA = 1.0  # length_penalty: l'esponente della lunghezza nel punteggio finale

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()
inputs = tokenizer("Translate English to German: The weather is nice today.", return_tensors="pt")
fine = model.config.eos_token_id


def log_prob_prossimo(ipotesi):  # log-probabilità di ogni token dopo la risposta `ipotesi`
    with torch.inference_mode():
        z = model(**inputs, decoder_input_ids=torch.tensor([ipotesi])).logits[0, -1]
    return torch.log_softmax(z, dim=-1)


fascio = [([model.config.decoder_start_token_id], 0.0)]  # (token scritti, somma dei log-prob)
for passo in range(1, PASSI + 1):
    candidati = []
    for ipotesi, punteggio in fascio:
        if ipotesi[-1] == fine:  # un'ipotesi finita passa così com'è
            candidati.append((ipotesi, punteggio))
            continue
        migliori = torch.topk(log_prob_prossimo(ipotesi)[: len(tokenizer)], B)
        for lp, i in zip(migliori.values.tolist(), migliori.indices.tolist()):
            candidati.append((ipotesi + [i], punteggio + lp))
    # Fra tutte le estensioni di tutte le strade restano le B con la somma più alta.
    fascio = sorted(candidati, key=lambda c: c[1], reverse=True)[:B]
    print(f"passo {passo}: {len(candidati)} candidati, ne restano {B}")
    for ipotesi, punteggio in fascio:
        print(f"  {punteggio:>8.3f}  {' '.join(tokenizer.convert_ids_to_tokens(ipotesi[1:]))}")

# generate con num_beams: il punteggio finale è la somma dei log-prob divisa per la lunghezza
# (i token scritti, </s> compreso) elevata a length_penalty.
with torch.inference_mode():
    uscita = model.generate(
        **inputs,
        num_beams=B,
        num_return_sequences=B,
        max_new_tokens=20,
        length_penalty=ALFA,
        output_scores=True,
        return_dict_in_generate=True,
    )
print(f"\ngenerate(num_beams={B}, length_penalty={ALFA}):")
for sequenza, punteggio in zip(uscita.sequences.tolist(), uscita.sequences_scores.tolist()):
    scritti = sequenza[1:]
    if fine in scritti:
        scritti = scritti[: scritti.index(fine) + 1]  # dopo </s> c'è solo padding
    # Ricalcolo con un solo passaggio del decoder su tutta la risposta, sulle 32 128 righe
    # dei logit come fa generate.
    with torch.inference_mode():
        z = model(**inputs, decoder_input_ids=torch.tensor([sequenza[:1] + scritti[:-1]])).logits
    somma = torch.log_softmax(z[0], dim=-1)[range(len(scritti)), scritti].sum().item()
    assert abs(somma / len(scritti) ** ALFA - punteggio) < 1e-4, (somma, punteggio)
    print(f"  {punteggio:>8.4f}  {tokenizer.decode(scritti, skip_special_tokens=True)!r}")
print("punteggi ricalcolati: coincidono con sequences_scores")
