"""Generate a realistic listing in the copied-page text format (seeded, so runs are comparable).

python benchmarks/make_listing.py --papers 100000 -o /tmp/listing.txt
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

VOCABULARY = """
model models language large training data learning neural network networks attention transformer
transformers diffusion video image images text generation reasoning agent agents benchmark benchmarks
evaluation alignment reward policy reinforcement inference efficient efficiency memory cache kv token
tokens context long retrieval augmented multimodal vision speech audio robot robotics planning graph
sparse dense mixture experts scaling law laws pretraining finetuning fine-tuning instruction preference
optimization gradient gradients loss batch parallel distributed serving latency throughput quantization
pruning distillation compression adapter lora embedding embeddings representation contrastive self
supervised unsupervised zero-shot few-shot chain thought math code program synthesis search decoding
speculative prefill decode scheduler kernel gpu hardware accelerator energy safety robustness privacy
federated continual online streaming temporal spatial 3d scene reconstruction rendering nerf gaussian
splatting segmentation detection tracking captioning question answering dialogue summarization translation
""".split()
TITLE_HEADS = """Towards Rethinking Scaling Learning Understanding Unlocking Taming Revisiting Beyond Bridging
Boosting Efficient Fast Simple Unified Robust Adaptive Dynamic Hierarchical Sparse""".split()
ORGS = [
    ("openbmb", "OpenBMB"),
    ("microsoft", "Microsoft"),
    ("google", "Google"),
    ("meta-llama", "Meta Llama"),
    ("nvidia", "NVIDIA"),
    ("Qwen", "Qwen"),
    ("deepseek-ai", "DeepSeek"),
    ("allenai", "Ai2"),
]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
LISTING_DATE = date(2026, 11, 28)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random, index: int) -> str:
    head = rng.choice(TITLE_HEADS)
    words = " ".join(w.capitalize() for w in rng.choices(VOCABULARY, k=rng.randint(4, 9)))
    # A serial keeps every title unique, as real titles are.
    return f"{head} {words} {index:06d}"


def card(rng: random.Random, index: int) -> str:
    """One paper card as a browser copy gives it."""
    abstract = " ".join(_sentence(rng) for _ in range(rng.randint(6, 12)))
    if rng.random() < 0.3:
        abstract += f" Code is available at https://github.com/lab{index % 997}/project-{index}."
    lines = []
    if rng.random() < 0.6:
        lines += [str(rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 40, 120])) if rng.random() < 0.9 else "-", ""]
    lines += [_title(rng, index), "", abstract, ""]
    if rng.random() < 0.15:
        handle, name = rng.choice(ORGS)
        lines.append(f"{handle} {name}")
    else:
        lines.append(f"  • {rng.randint(1, 30)} authors")
    published = LISTING_DATE - timedelta(days=rng.randint(0, 3 * 365))
    day = f"{MONTHS[published.month - 1]} {published.day}"
    if published.year != LISTING_DATE.year or rng.random() < 0.5:
        day += f", {published.year}"
    comments = rng.choice(["", "", "", " 1", " 2", " 5"])
    lines += ["·", day + comments, ""]
    return "\n".join(lines)


def make_listing(papers: int, seed: int = 20261129) -> str:
    """The text of a listing with `papers` cards."""
    rng = random.Random(seed)
    header = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
    heading = f"{MONTHS[LISTING_DATE.month - 1]} {LISTING_DATE.day}, {LISTING_DATE.year}"
    header += f"by AK and the research community\n\n{heading}\n\n"
    return header + "\n".join(card(rng, index) for index in range(papers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.write_text(make_listing(args.papers, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
