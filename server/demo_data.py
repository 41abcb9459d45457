"""Deterministic demo data: a coffee shop and a bakery in Jakarta, three stamp cards (QR, NFC,
STAMP), members and card instances at telling stages, and the demo credentials.

Everything has fixed ids. The card instances' dates are laid relative to the moment they are
seeded (:func:`demo_card_instances`), so the demo tells the same story in any year: a card one
stamp from its reward stamped three days ago, a reward earned last week and still valid, a card
that expired last month; the programs run five years from that day (:func:`demo_stamp_cards`).
The terminal imports these constants; :func:`seed` writes them into an empty service database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from server.database import Connection
from stamps.members import Member
from stamps.models import (
    CardInstance,
    Event,
    EventType,
    InstanceStatus,
    Merchant,
    Reward,
    RewardInstance,
    StampCard,
    StampMaster,
    StampType,
    Store,
)
from stamps.timestamps import add_years, parse_timestamp, truncate_ms

# ---- credentials (demo only; a real deployment sets STAMP_SERVER_* variables) ------------

DEMO_API_KEY = "demo-api-key"
DEMO_BEARER_TOKEN = "demo-token"
DEMO_MEMBERSHIP_TOKEN = "Token demo-membership"
DEMO_VVD_KEY = "demo-vvd-key"

#: Membership API merchant and store ids (integers, unlike Fintiv's UUIDs)
DEMO_MEMBERSHIP_MERCHANT = 14
DEMO_MEMBERSHIP_STORE = 2
DEMO_SERVICE_ID = "10520"
DEMO_WALLET_ID = "STAMPPOS"

_IMG = "https://demo.stamp-pos.invalid/image"


def _t(text: str) -> datetime:
    return parse_timestamp(text)


# ---- merchants and stores ---------------------------------------------------------------

KOPI_MERCHANT_ID = "B94F3EE2-EEB1-4EBD-82D2-AB422FDA465A"
BAKERY_MERCHANT_ID = "1467250E-1CB1-40F4-85B2-85C5BE4EB0A0"

DEMO_MERCHANTS: tuple[tuple[Merchant, tuple[Store, ...]], ...] = (
    (
        Merchant(
            merchant_id=KOPI_MERCHANT_ID, merchant_name="Kopi Senja",
            merchant_image_url=f"{_IMG}/store/{KOPI_MERCHANT_ID}_xhdpi.png",
            update_dtim=_t("2026-01-15T09:00:00.000+0000"),
        ),
        (
            Store(
                store_id="A1000000-0000-4000-8000-000000000001",
                store_name="Kopi Senja - Kemang", street1="Jl. Kemang Raya No. 8",
                city="Jakarta Selatan", state="DKI Jakarta", zip="12730", country="ID",
                latitude=-6.260700, longitude=106.813700,
            ),
            Store(
                store_id="A1000000-0000-4000-8000-000000000002",
                store_name="Kopi Senja - Sudirman", street1="Jl. Jend. Sudirman Kav. 52",
                city="Jakarta Selatan", state="DKI Jakarta", zip="12190", country="ID",
                latitude=-6.224600, longitude=106.808900,
            ),
        ),
    ),
    (
        Merchant(
            merchant_id=BAKERY_MERCHANT_ID, merchant_name="Roti Hangat Bakery",
            merchant_image_url=f"{_IMG}/store/{BAKERY_MERCHANT_ID}_xhdpi.png",
            update_dtim=_t("2026-02-01T08:30:00.000+0000"),
        ),
        (
            Store(
                store_id="A1000000-0000-4000-8000-000000000003",
                store_name="Roti Hangat - Menteng", street1="Jl. Cikini Raya No. 17",
                city="Jakarta Pusat", state="DKI Jakarta", zip="10330", country="ID",
                latitude=-6.195500, longitude=106.832000,
            ),
        ),
    ),
)

# ---- stamp cards, rewards, stamp master data ---------------------------------------------

COFFEE_CLUB_ID = "0616DE94-DED7-4D51-B766-2203296654FB"
BAKERY_TAP_ID = "1F7C3F59-2478-44DD-8059-6E6969542099"
PAPER_PASSPORT_ID = "9708557D-73F2-4C5E-AA61-90AE0919B6C1"

FREE_COFFEE_ID = "68B3D3E6-E681-482D-9797-89D517DDA94E"
COFFEE_AND_PASTRY_ID = "F175099B-C54D-4BC8-B567-6DFEADD50ED5"
FREE_CROISSANT_ID = "2C8E1B57-6A0F-4F3B-9E52-7D1A4C0B9E21"
FREE_LATTE_ID = "7E4D2A90-31C5-4B86-A7F2-5C9E0D3B1A64"

COFFEE_CLUB_STAMP = "GZ23-A457-Z50-E56X-O23G"
BAKERY_TAP_STAMP = "BK08-N7C2-T4P9-R3AD-K1X5"
PAPER_PASSPORT_STAMP = "PP06-S9M2-Q7L4-W8E3-H5J1"


def _reward(reward_id: str, name: str, threshold: int, message: str) -> Reward:
    return Reward(
        reward_id=reward_id, name=name, threshold=threshold, wallet_id=DEMO_WALLET_ID,
        service_id=DEMO_SERVICE_ID, image_url=f"{_IMG}/stampcard/{reward_id}_reward_xhdpi.png",
        reward_message=message, reward_description=name,
    )


def _card(card_id: str, name: str, kind: StampType, count: int, merchant: Merchant,
          rewards: tuple[Reward, ...], info: str) -> StampCard:
    return StampCard(
        stamp_card_id=card_id, name=name, stamp_type=kind, stamp_count=count, rewards=rewards,
        merchant=merchant, tnc="One stamp per purchase. Rewards are valid for 30 days.",
        available_store=f"All {merchant.merchant_name} stores", phone_number="+62215550100",
        information=info, is_publish_to_market="Y",
        background_image_url=f"{_IMG}/stampcard/{card_id}_bg_xhdpi.png",
        stamp_area_image_url=f"{_IMG}/stampcard/{card_id}_stamp_xhdpi.png",
        stamp_start_date=_t("2019-01-01T00:00:00.000+0000"),
        stamp_end_date=None, catalog_description=info,
    )


_KOPI, _BAKERY = DEMO_MERCHANTS[0][0], DEMO_MERCHANTS[1][0]

DEMO_STAMP_CARDS: tuple[tuple[int, StampCard], ...] = (
    (101, _card(
        COFFEE_CLUB_ID, "Coffee Club", StampType.QR, 10, _KOPI,
        (_reward(FREE_COFFEE_ID, "Free Coffee", 5, "Your next coffee is on us!"),
         _reward(COFFEE_AND_PASTRY_ID, "Free Coffee and Pastry", 10, "Coffee and a pastry!")),
        "Free coffee after 5 stamps, coffee and pastry after 10.",
    )),
    (102, _card(
        BAKERY_TAP_ID, "Bakery Tap", StampType.NFC, 8, _BAKERY,
        (_reward(FREE_CROISSANT_ID, "Free Croissant", 8, "A warm croissant for you!"),),
        "Tap your card 8 times, get a croissant.",
    )),
    (103, _card(
        PAPER_PASSPORT_ID, "Paper Passport", StampType.STAMP, 6, _KOPI,
        (_reward(FREE_LATTE_ID, "Free Latte", 6, "Enjoy a latte on the house!"),),
        "Six stamps in your passport, one latte free.",
    )),
)

#: how long the demo programs run after the day they are seeded
PROGRAM_YEARS = 5


def demo_stamp_cards(now: datetime) -> tuple[tuple[int, StampCard], ...]:
    """The demo programs as seeded at ``now``: :data:`DEMO_STAMP_CARDS` (which have no end)
    ending :data:`PROGRAM_YEARS` years later, so a card added to one has an expiry."""
    end = datetime.combine(add_years(now.astimezone(UTC).date(), PROGRAM_YEARS),
                           time(23, 59, 59), tzinfo=UTC)
    return tuple((idx, replace(card, stamp_end_date=end)) for idx, card in DEMO_STAMP_CARDS)


DEMO_STAMP_MASTERS: dict[str, tuple[StampMaster, ...]] = {
    COFFEE_CLUB_ID: (StampMaster(
        stamp_id="450CEE46-4E66-4C37-A095-5C3D7B661A23", stamp_value=COFFEE_CLUB_STAMP,
        stamp_state="ACTIVE", award_stamps=1, reward_id=FREE_COFFEE_ID, stamp_event_type="STAMP",
    ),),
    BAKERY_TAP_ID: (StampMaster(
        stamp_id="B2D7F0A1-5C3E-4E8B-9A6D-1F0E2C4B6A88", stamp_value=BAKERY_TAP_STAMP,
        stamp_state="ACTIVE", award_stamps=1, reward_id=FREE_CROISSANT_ID,
        stamp_event_type="STAMP",
    ),),
    PAPER_PASSPORT_ID: (StampMaster(
        stamp_id="C3E8A1B2-6D4F-4F9C-8B7E-2A1F3D5C7B99", stamp_value=PAPER_PASSPORT_STAMP,
        stamp_state="ACTIVE", award_stamps=1, reward_id=FREE_LATTE_ID, stamp_event_type="STAMP",
    ),),
}

# ---- members ------------------------------------------------------------------------------

DEMO_MEMBERS: tuple[Member, ...] = (
    Member(id=1, name="Siti Rahayu", email="siti.rahayu@example.com", phone="+6281234567801",
           birthday="1990-04-12", gender=2, address="Jl. Kemang Selatan 12, Jakarta",
           member_ids=("100000000001",), membership_status="Gold", balance=2000),
    Member(id=2, name="Budi Santoso", email="budi.santoso@example.com", phone="+6281234567802",
           birthday="1985-09-30", gender=1, address="Jl. Tebet Barat 4, Jakarta",
           member_ids=("100000000002",), membership_status="Blue", balance=0),
    Member(id=3, name="Ayu Lestari", email="ayu.lestari@example.com", phone="+6281234567803",
           birthday="1996-01-22", gender=2, address="Jl. Cikini 3, Jakarta",
           member_ids=("100000000003", "100000000013"), membership_status="Silver",
           balance=500),
    Member(id=4, name="Dewi Anggraini", email="dewi.anggraini@example.com",
           phone="+6281234567804", birthday="1988-07-05", gender=2,
           address="Jl. Senopati 21, Jakarta", member_ids=("100000000004",),
           membership_status="Blue", balance=0),
    Member(id=5, name="Rizky Pratama", email="rizky.pratama@example.com",
           phone="+6281234567805", birthday="1999-11-17", gender=1,
           address="Jl. Menteng Raya 9, Jakarta", member_ids=("100000000005",),
           membership_status="Blue", balance=0),
    Member(id=6, name="Marie Dubois", email="marie.dubois@example.fr", phone="+33612345678",
           birthday="1992-03-08", gender=2, address="12 rue de la Paix, Paris",
           member_ids=("100000000006",), membership_status="Gold", balance=1200),
    Member(id=7, name="Tom Becker", email="tom.becker@example.com", phone="+6281234567807",
           birthday="1979-12-01", gender=1, address="Jl. Kuningan 30, Jakarta",
           member_ids=("100000000007",), membership_status="Silver", balance=300),
)

# ---- card instances -----------------------------------------------------------------------

CARD_NEAR_REWARD = "3ab8fd17-2fb5-468c-9079-dfb887aacc54"  # Siti, Coffee Club 4/5
CARD_WITH_REWARD = "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d"  # Budi, Coffee Club 7, reward ACTIVE
CARD_BAKERY_NEAR = "0131cef8-56e1-461a-b82b-7e220b925481"  # Ayu, Bakery Tap 7/8
CARD_PASSPORT = "5d2e9a41-8b3c-4f7d-a1e6-9c0b2d4f6e81"  # Dewi, Paper Passport 2/6
CARD_EXPIRED = "6e3f0b52-9c4d-4a8e-b2f7-0d1c3e5a7f92"  # Rizky, Coffee Club, expired
CARD_NEW = "7f4a1c63-0d5e-4b9f-83a8-1e2d4f6b8a03"  # Marie, Bakery Tap 0/8
CARD_PASSPORT_NEAR = "8a5b2d74-1e6f-4c0a-94b9-2f3e5a7c9b14"  # Tom, Paper Passport 5/6
CARD_VVD = "9b6c3e85-2f7a-4d1b-a5ca-3a4f6b8d0c25"  # Tom, Coffee Club issued through vvd.bz

DEMO_REWARD_INSTANCE = "71584867-2b99-4d76-b628-dbb8526f66b7"
DEMO_VVD_CODE = "ZJLF0399WQBEQZJM"
DEMO_VVD_URL = f"https://vvd.bz/{DEMO_VVD_CODE}"

_REWARDS = {r.reward_id: r for _, card in DEMO_STAMP_CARDS for r in card.rewards}
_DAY = timedelta(days=1)

#: every demo card instance id, in the order :func:`demo_card_instances` lists them
DEMO_CARD_IDS: tuple[str, ...] = (
    CARD_NEAR_REWARD, CARD_WITH_REWARD, CARD_BAKERY_NEAR, CARD_PASSPORT, CARD_EXPIRED, CARD_NEW,
    CARD_PASSPORT_NEAR, CARD_VVD,
)


def _instance(cid: str, card_id: str, stamps: int, issued: datetime, *,
              expires: datetime | None = None,
              rewards: tuple[RewardInstance, ...] = ()) -> CardInstance:
    """A card issued at ``issued`` and stamped once a day since; valid a year by default."""
    last = issued + stamps * _DAY if stamps else None
    return CardInstance(
        card_instance_id=cid, stamp_card_id=card_id, current_stamps=stamps, total_stamps=stamps,
        issue_date=issued, expiration_date=expires or issued + 365 * _DAY,
        status=InstanceStatus.ACTIVE, update_time=last or issued, rewards=rewards,
        last_stamp_time=last,
    )


def _last_month_15th(now: datetime) -> datetime:
    """The 15th of the month before ``now``'s, at the day's end (UTC)."""
    previous = now.astimezone(UTC).date().replace(day=1) - _DAY
    return datetime.combine(previous.replace(day=15), time(23, 59, 59), tzinfo=UTC)


def demo_card_instances(now: datetime) -> tuple[CardInstance, ...]:
    """The demo cards as they stand at ``now`` (the seeding moment): the same story any day.

    Each card's stamps came one a day; ``stamped(n, days_ago)`` is when to issue a card so that
    its n-th and last stamp came ``days_ago`` days before now."""
    now = truncate_ms(now.astimezone(UTC))

    def stamped(stamps: int, days_ago: int) -> datetime:
        return now - (days_ago + stamps) * _DAY

    budi_issued = stamped(7, 5)  # the 5th stamp, a week ago, earned the Free Coffee
    earned = budi_issued + 5 * _DAY
    vvd_day = datetime.combine((now - 30 * _DAY).date(), time(0, 0), tzinfo=UTC)
    return (
        _instance(CARD_NEAR_REWARD, COFFEE_CLUB_ID, 4, stamped(4, 3)),  # 3 days ago, 4/5
        _instance(CARD_WITH_REWARD, COFFEE_CLUB_ID, 7, budi_issued, rewards=(
            RewardInstance(
                reward_instance_id=DEMO_REWARD_INSTANCE, card_instance_id=CARD_WITH_REWARD,
                status=InstanceStatus.ACTIVE, rewarded_time=earned,
                reward=_REWARDS[FREE_COFFEE_ID], reward_expiration_date=earned + 30 * _DAY,
            ),
        )),
        _instance(CARD_BAKERY_NEAR, BAKERY_TAP_ID, 7, stamped(7, 1)),
        _instance(CARD_PASSPORT, PAPER_PASSPORT_ID, 2, stamped(2, 10)),
        _instance(CARD_EXPIRED, COFFEE_CLUB_ID, 3, _last_month_15th(now) - 200 * _DAY,
                  expires=_last_month_15th(now)),
        _instance(CARD_NEW, BAKERY_TAP_ID, 0, now - 2 * _DAY),
        _instance(CARD_PASSPORT_NEAR, PAPER_PASSPORT_ID, 5, stamped(5, 4)),
        _instance(CARD_VVD, COFFEE_CLUB_ID, 1, vvd_day),
    )


#: card instance id -> member primary key
DEMO_CARD_OWNERS: dict[str, int] = {
    CARD_NEAR_REWARD: 1, CARD_WITH_REWARD: 2, CARD_BAKERY_NEAR: 3, CARD_PASSPORT: 4,
    CARD_EXPIRED: 5, CARD_NEW: 6, CARD_PASSPORT_NEAR: 7, CARD_VVD: 7,
}

_STAMP_VALUES = {
    COFFEE_CLUB_ID: COFFEE_CLUB_STAMP, BAKERY_TAP_ID: BAKERY_TAP_STAMP,
    PAPER_PASSPORT_ID: PAPER_PASSPORT_STAMP,
}


def demo_history(card: CardInstance) -> list[Event]:
    """The STAMP (and REWARD) events that brought a demo card to its stamps, oldest first."""
    master = DEMO_STAMP_MASTERS[card.stamp_card_id][0]
    events = []
    for n in range(1, card.total_stamps + 1):
        at = card.issue_date + timedelta(days=n)
        events.append(Event(
            card_instance_id=card.card_instance_id, event_type=EventType.STAMP, event_time=at,
            stamp_value=master.stamp_value, stamp_id=master.stamp_id,
            reward_instance_id=master.reward_id,  # what a terminal sends, as in the document
        ))
        for r in card.rewards:
            if r.rewarded_time == at:
                events.append(Event(
                    card_instance_id=card.card_instance_id, event_type=EventType.REWARD,
                    event_time=at + timedelta(milliseconds=1), stamp_value=master.stamp_value,
                    stamp_id=master.stamp_id, reward_instance_id=r.reward_instance_id,
                ))
    return events


def seed(conn: Connection, now: datetime) -> bool:
    """Write the demo data as it stands at ``now`` into an empty database (inside the caller's
    transaction; the caller then invalidates its Catalog). Returns False, writing nothing, if
    cards already exist."""
    from server.cards import insert_card, insert_event
    from server.catalog import insert_merchant, insert_stamp_card
    from server.member_store import MemberStore

    if conn.execute("SELECT count(*) FROM stamp_cards").fetchone()[0]:
        return False
    for merchant, stores in DEMO_MERCHANTS:
        insert_merchant(conn, merchant, list(stores))
    for idx, card in demo_stamp_cards(now):
        insert_stamp_card(conn, card, idx, list(DEMO_STAMP_MASTERS[card.stamp_card_id]))
    members = MemberStore()
    for member in DEMO_MEMBERS:
        members.insert(conn, member, DEMO_MEMBERSHIP_MERCHANT)
    for instance in demo_card_instances(now):
        insert_card(conn, instance, DEMO_CARD_OWNERS[instance.card_instance_id])
        for event in demo_history(instance):
            insert_event(conn, event)
    conn.execute(
        "INSERT INTO vvd_stamps(code, card_instance_id, card_idx, domain, user_id, body)"
        " VALUES (?, ?, 101, 'https://vvd.bz', 'tom.becker', '{}')",
        (DEMO_VVD_CODE, CARD_VVD),
    )
    return True
