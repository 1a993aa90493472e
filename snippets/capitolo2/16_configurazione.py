# La configurazione del modello: le misure che decidono forma e numero dei pesi.
import os

from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
config = model.config

voci = [
    ("num_layers", "strati dell'encoder"),
    ("num_decoder_layers", "strati del decoder"),
    ("num_heads", "teste di attenzione per strato"),
    ("d_model", "numeri per token tra uno strato e l'altro"),
    ("d_kv", "numeri per testa (query, chiavi, valori)"),
    ("d_ff", "larghezza interna del feed-forward"),
    ("vocab_size", "righe della matrice degli embedding"),
    ("feed_forward_proj", "tipo di feed-forward"),
    ("relative_attention_num_buckets", "bucket di posizione relativa"),
    ("tie_word_embeddings", "che cosa dice la config sulla condivisione"),
]
for nome, significato in voci:
    print(f"{nome:<31} {getattr(config, nome)!s:>11}   {significato}")
condivisi = model.lm_head.weight is model.shared.weight
print(f"{'lm_head is shared':<31} {condivisi!s:>11}   che cosa dicono i pesi")
print(f"{'pezzi del tokenizer':<31} {len(tokenizer):>11}   confrontalo con vocab_size")
print(f"{'num_heads x d_kv':<31} {config.num_heads * config.d_kv:>11}   confrontalo con d_model")
scala = model.encoder.block[0].layer[0].SelfAttention.scaling  # moltiplica i punteggi QK
print(f"{'scala dei punteggi':<31} {scala:>11}   1/√d_kv sarebbe {config.d_kv**-0.5:.3f}")

# la pagina cita questi valori
righe_in_piu = config.vocab_size - len(tokenizer)  # righe dell'embedding che nessun token usa
interno, d_model = config.num_heads * config.d_kv, config.d_model
condivisione = "sono la stessa matrice" if condivisi else "sono due matrici distinte"
