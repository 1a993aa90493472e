# Un BPE sui byte senza fusioni: il vocabolario è l'alfabeto di 256 byte, un token per byte.
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

righe = Path("data/guida.txt").read_text(encoding="utf-8").splitlines()
alfabeto = pre_tokenizers.ByteLevel.alphabet()

tokenizer = Tokenizer(models.BPE())
tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tokenizer.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=256, initial_alphabet=alfabeto, show_progress=False)
tokenizer.train_from_iterator(righe, trainer)
print("vocabolario:", tokenizer.get_vocab_size())
assert tokenizer.get_vocab_size() == 256  # solo l'alfabeto dei byte: nessuna fusione

print(f"{'testo':<10} {'byte UTF-8':>10} {'token':>6}")
for testo in ["gatto", "città", "perché", "€", "🦜", "{ }"]:
    n_byte, n_token = len(testo.encode("utf-8")), len(tokenizer.encode(testo).ids)
    print(f"{testo!r:<10} {n_byte:>10} {n_token:>6}")
    assert n_byte == n_token and tokenizer.decode(tokenizer.encode(testo).ids) == testo
