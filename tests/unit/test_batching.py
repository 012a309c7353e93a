from unspin.batching import similar_length_runs


def test_runs_keep_padding_small_and_respect_the_size():
    assert similar_length_runs([10, 11, 12, 13, 30, 31], 16, 0.1, 2) == [[0, 1, 2, 3], [4, 5]]
    assert similar_length_runs([5, 100], 16, 0.1, 2) == [[0], [1]]
    assert similar_length_runs([10, 10, 10], 2, 0.1, 2) == [[0, 1], [2]]


def test_runs_take_items_shortest_first():
    assert similar_length_runs([31, 10, 30, 11], 16, 0.1, 2) == [[1, 3], [2, 0]]
    assert similar_length_runs([], 16, 0.1, 2) == []
