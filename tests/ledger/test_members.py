from ledger import Ledger
from stamps.members import Member


def test_fts_search_by_name_email_phone_and_member_id(tmp_path):
    store = Ledger(tmp_path / "pos.db")
    alice = Member(id=12, name="Alice Wonder", email="Alice@stamps.co.id", phone="+62 811 999 23",
                   member_ids=("123456789012",))
    bob = Member(id=13, name="Bob Baker", email="bob@stamps.co.id", phone="+6281123123")
    a = store.members.upsert(alice)
    b = store.members.upsert(bob)
    assert [r[0] for r in store.members.search("ali")] == [a]
    assert [r[0] for r in store.members.search("bob@stamps")] == [b]
    assert [r[0] for r in store.members.search("1234567")] == [a]
    assert [r[0] for r in store.members.search("6281123")] == [b]
    assert store.members.search('"; DROP TABLE members; --') == []
    assert store.members.find("email", "alice@stamps.co.id") == a
    assert store.members.find("phone", "+62-811-999-23") == a
    assert store.members.find("member_id", "123456789012") == a
    # updating keeps the same local id and the index current
    assert store.members.upsert(Member(id=12, name="Alice Liddell")) == a
    assert store.members.search("wonder") == []
    assert [r[0] for r in store.members.search("liddell")] == [a]


def test_offline_registration_gets_its_server_id_later(tmp_path):
    store = Ledger(tmp_path / "pos.db")
    local = store.members.upsert(Member(id=0, name="New Person"), pending=True)
    assert store.members.server_id(local) is None
    assert store.members.get(local)[1] is True
    store.members.set_server_id(local, Member(id=77, name="New Person"))
    assert store.members.server_id(local) == 77
    assert store.members.local_id_for_server(77) == local
    assert store.members.get(local)[1] is False
