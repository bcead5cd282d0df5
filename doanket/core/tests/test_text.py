import unicodedata

from doanket.core.text import fold, mask, name_sort_key, normalize_text, search_terms, sort_key, split_full_name


def test_fold_removes_tones_and_folds_d():
    assert fold("Khổng Minh Thảo") == "khong minh thao"
    assert fold("ĐỖ ĐỨC ĐẠT") == "do duc dat"
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Hoà")) == "nguyen thi hoa"


def test_normalize_gives_nfc_and_drops_invisible_characters():
    nfd = unicodedata.normalize("NFD", "Phường  Khương\u200b Mai ")
    out = normalize_text(nfd)
    assert out == "Phường Khương Mai" and unicodedata.is_normalized("NFC", out)


def test_search_terms_split_and_fold():
    assert search_terms("  Khổng   minh THẢO ") == ["khong", "minh", "thao"]


def test_names_sort_by_given_name_then_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Thị Anh", "Lê Văn Anh", "Phạm Đức Anh"]
    # Same given name "Anh": middle names decide (Đức < Thị < Văn), then the family name.
    assert sorted(names, key=name_sort_key) == ["Phạm Đức Anh", "Nguyễn Thị Anh", "Lê Văn Anh", "Trần Văn Bình"]


def test_vietnamese_alphabet_and_tones():
    # a < ă < â; d < đ; o < ô < ơ; u < ư; then tones: ngang, huyền, hỏi, ngã, sắc, nặng
    given = ["Ư", "U", "Ơ", "Ô", "O", "Đ", "D", "Â", "Ă", "A"]
    assert sorted(given, key=name_sort_key) == ["A", "Ă", "Â", "D", "Đ", "O", "Ô", "Ơ", "U", "Ư"]
    tones = ["Má", "Mạ", "Mã", "Mả", "Mà", "Ma"]
    assert sorted(tones, key=name_sort_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    # Plain code-point order gets these wrong: "Đ" sorts after "Z", "Ă" after "Â".
    assert sorted(["Đức", "Dũng", "Yến"]) != sorted(["Đức", "Dũng", "Yến"], key=name_sort_key)


def test_numbers_sort_naturally_and_before_letters():
    assert sorted(["Khu dân cư số 10", "Khu dân cư số 2", "Khu dân cư số 1"], key=sort_key) == [
        "Khu dân cư số 1", "Khu dân cư số 2", "Khu dân cư số 10"]
    assert sorted(["Tổ A", "Tổ 3"], key=sort_key) == ["Tổ 3", "Tổ A"]


def test_sort_keys_are_plain_digits_so_every_database_agrees():
    assert name_sort_key("Khổng Minh Thảo").isdigit()


def test_split_full_name():
    assert split_full_name("Tôn Nữ Thị Ninh") == ("Tôn", "Nữ Thị", "Ninh")
    assert split_full_name("Thảo") == ("", "", "Thảo")


def test_mask_keeps_only_the_ends():
    assert mask("0912345678") == "09******78"
    assert mask("") == ""
