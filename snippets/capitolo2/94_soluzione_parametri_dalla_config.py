# Soluzione: il numero di parametri calcolato dalla sola configurazione, confrontato con il modello.
import os

from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
c = model.config
interno = c.num_heads * c.d_kv  # dimensione di query, chiavi e valori, tutte le teste insieme
attenzione = 4 * c.d_model * interno  # matrici q, k, v, o, senza bias
ff = (3 if c.is_gated_act else 2) * c.d_model * c.d_ff  # gated: wi_0, wi_1, wo
bias_posizione = c.relative_attention_num_buckets * c.num_heads  # solo nel primo strato

embedding = c.vocab_size * c.d_model
encoder = c.num_layers * (attenzione + ff + 2 * c.d_model) + bias_posizione + c.d_model
decoder = c.num_decoder_layers * (2 * attenzione + ff + 3 * c.d_model) + bias_posizione + c.d_model
# lm_head: conta solo se ha una matrice sua (guardiamo i pesi, non la config)
testa = 0 if model.lm_head.weight is model.shared.weight else embedding

stimati = embedding + encoder + decoder + testa
contati = sum(p.numel() for p in model.parameters())
for nome, n in [
    ("embedding", embedding),
    ("encoder", encoder),
    ("decoder", decoder),
    ("lm_head", testa),
    ("totale dalla config", stimati),
    ("totale contato", contati),
]:
    print(f"{nome:<20} {n:>13_}")
print("uguali:", stimati == contati)  # la pagina cita contati
assert stimati == contati
