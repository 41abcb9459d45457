"""The OpenAPI 3 document of every endpoint, served at ``/openapi.json``.

Written by hand from the three API documents (field names, envelopes, status codes) plus this
service's documented extensions; the fuzz tests generate requests from it.
"""

from __future__ import annotations

from typing import Any

from server.config import ServerConfig
from server.fintiv_api import ENDPOINTS

TS = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$",
      "example": "2019-03-14T14:19:04.141+0000"}
STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
STATUS = {"type": "string", "enum": ["ACTIVE", "REDEEMED", "DELETED", "EXPIRED"]}
EVENT_TYPE = {"type": "string", "enum": ["STAMP", "REDEEM", "REWARD", "REMOVE_STAMP",
                                         "REMOVE_REWARD"]}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(props: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props, **extra}
    if required:
        out["required"] = required
    return out


def arr(items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **extra}


SCHEMAS: dict[str, Any] = {
    "Result": obj({"code": INT, "message": STR, "description": STR}, ["code"]),
    "Envelope": obj({"result": ref("Result")}, ["result"]),
    "Reward": obj({"rewardId": STR, "walletId": STR, "serviceId": STR, "name": STR,
                   "threshold": INT, "imageUrl": STR, "rewardMessage": STR,
                   "rewardDescription": STR}, ["rewardId", "name", "threshold"]),
    "RewardInstance": obj({"rewardInstanceId": STR, "cardInstanceId": STR,
                           "reward": ref("Reward"), "status": STATUS, "rewardedTime": TS,
                           "rewardExpirationDate": TS},
                          ["rewardInstanceId", "cardInstanceId", "reward", "status",
                           "rewardedTime"]),
    "Store": obj({"storeId": STR, "storeName": STR, "street1": STR, "city": STR, "state": STR,
                  "zip": STR, "country": STR, "latitude": NUM, "longitude": NUM,
                  "distance": NUM}, ["storeId", "storeName"]),
    "Merchant": obj({"merchantId": STR, "merchantName": STR, "merchantImageUrl": STR,
                     "updateDtim": TS, "store": ref("Store")}, ["merchantId", "merchantName"]),
    "CatalogEntry": obj({
        "stampCardId": STR, "name": STR, "stampType": {"type": "string",
                                                       "enum": ["QR", "NFC", "STAMP"]},
        "stampCount": INT, "tnc": STR, "availableStore": STR, "websiteUrl": STR,
        "phoneNumber": STR, "information": STR,
        "isPublishToMarket": {"type": "string", "enum": ["Y", "N"]},
        "backgroundImageUrl": STR, "stampAreaImageUrl": STR,
        "rewards": arr(ref("Reward")), "merchant": ref("Merchant"),
        "stampStartDate": TS, "stampEndDate": TS, "catalogDescription": STR,
        "cardIdx": {**INT, "description": "extension: the vvd.bz cardIdx of this card"},
    }, ["stampCardId", "name", "stampType", "stampCount", "rewards", "cardIdx"]),
    "CardInstance": obj({
        "cardInstanceId": STR, "stampCardId": STR, "currentStamps": INT, "totalStamps": INT,
        "issueDate": TS, "updateTime": TS, "expirationDate": TS, "status": STATUS,
        "rewards": arr(ref("RewardInstance"), description="redeemable rewards"),
    }, ["cardInstanceId", "stampCardId", "currentStamps", "totalStamps", "issueDate",
        "status"]),
    "Event": obj({"cardInstanceId": STR, "eventTime": TS, "eventType": EVENT_TYPE,
                  "stampId": STR, "stampValue": STR, "rewardInstanceId": STR},
                 ["cardInstanceId", "eventTime", "eventType"]),
    "StampMaster": obj({"stampId": STR, "stampValue": STR, "stampState": STR,
                        "awardStamps": INT, "rewardId": STR, "stampEventType": STR},
                       ["stampId", "stampValue"]),
    "ReportedEvent": obj({
        "eventId": {**STR, "description": "chosen by the client; see idempotency"},
        "cardInstanceId": STR, "eventTime": TS, "eventType": EVENT_TYPE,
        "rewardInstanceId": STR, "stampValue": STR,
    }, ["cardInstanceId", "eventTime", "eventType"]),
    "EventResult": obj({"result": ref("Result"), "eventId": {"type": "string", "nullable": True},
                        "cardInstance": ref("CardInstance"),
                        "rewards": arr(ref("RewardInstance"))}, ["result", "eventId"]),
    "Member": obj({
        "id": INT, "name": STR, "email": {"type": "string", "nullable": True},
        "identifier": {"type": "string", "nullable": True},
        "phone": {"type": "string", "nullable": True},
        "birthday": {"type": "string", "nullable": True},
        "gender": {"type": "integer", "nullable": True, "description": "1 male, 2 female"},
        "address": {"type": "string", "nullable": True}, "member_ids": arr(STR),
        "membership_status": {"type": "string", "nullable": True}, "stamps": INT,
        "balance": INT, "is_active": {"type": "boolean"},
    }, ["id", "name", "member_ids", "stamps", "balance"]),
    "Customer": obj({
        "id": INT, "name": STR, "email": {"type": "string", "nullable": True},
        "identifier": {"type": "string", "nullable": True},
        "member_id": {"type": "string", "nullable": True}, "member_ids": arr(STR),
        "phone": {"type": "string", "nullable": True},
        "birthday": {"type": "string", "nullable": True},
        "gender": {"type": "string", "nullable": True, "enum": ["Male", "Female", None]},
        "address": {"type": "string", "nullable": True},
    }, ["id", "name"]),
    "MembershipError": obj({"detail": STR, "errors": arr({
        "type": "object", "additionalProperties": STR})}, ["detail"]),
    "VvdAnswer": obj({"code": INT, "message": STR, "result": {"nullable": True},
                      "errors": {"type": "object", "additionalProperties": STR}},
                     ["code", "message", "result"]),
}

_LOCATION = {"latitude": {**NUM, "minimum": -90, "maximum": 90},
             "longitude": {**NUM, "minimum": -180, "maximum": 180},
             "radius": {**NUM, "minimum": 0, "description": "km"}}

FINTIV_BODIES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    # name: (request schema, extra response properties, summary)
    "addCard": (obj({"stampCardId": STR, "memberId": {**INT, "minimum": 0}}, ["stampCardId"]),
                {"cardInstance": ref("CardInstance")}, "Add a card instance of a stamp card"),
    "getCards": (obj({**_LOCATION, "sortType": {**INT, "minimum": 0, "maximum": 7},
                      "memberId": {**INT, "minimum": 0}, "cardInstanceId": STR}),
                 {"cards": arr(ref("CardInstance"))}, "List card instances"),
    "getCatalog": (obj({**_LOCATION, "serviceId": STR, "skipRows": {**INT, "minimum": 0},
                        "maxResults": {**INT, "minimum": 0}, "merchantIds": arr(STR),
                        "stampCardId": STR}),
                   {"catalog": arr(ref("CatalogEntry"))}, "List stamp cards"),
    "getEventHistory": (obj({"cardInstanceId": STR}, ["cardInstanceId"]),
                        {"events": arr(ref("Event"))}, "Events of a card, newest first"),
    "getMerchants": (obj({**_LOCATION, "merchantName": STR,
                          "searchType": {**INT, "minimum": 0, "maximum": 2}}),
                     {"merchants": arr(ref("Merchant"))}, "List merchants"),
    "getRewards": (obj({"cardInstanceId": STR, "memberId": {**INT, "minimum": 0}}),
                   {"rewards": arr(ref("RewardInstance"))}, "Redeemable rewards"),
    "getCouponDetail": (obj({"cardInstanceId": STR, "memberId": {**INT, "minimum": 0}}),
                        {"rewards": arr(ref("RewardInstance"))}, "Same as getRewards"),
    "getStamps": (obj({"stampCardId": STR}, ["stampCardId"]),
                  {"stamps": arr(ref("StampMaster"))}, "Stamp master data of a card"),
    "removeCard": (obj({"cardInstanceId": STR}, ["cardInstanceId"]), {},
                   "Remove (DELETE) a card instance"),
    "reportStampEvent": (ref("ReportedEvent"),
                         {"cardInstance": ref("CardInstance"),
                          "rewards": arr(ref("RewardInstance"))}, "Report one event"),
    "reportMultiStampEvents": (obj({"events": arr(ref("ReportedEvent"), maxItems=1000)},
                                   ["events"]),
                               {"eventResults": arr(ref("EventResult"))},
                               "Report events; one result per event, in order"),
    "updateCardSequences": (obj({"updateCardSeqList": arr(obj(
        {"cardInstanceId": STR, "sequence": INT}, ["cardInstanceId", "sequence"]))},
        ["updateCardSeqList"]), {}, "Set the display order of cards"),
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _fintiv_paths(prefix: str) -> dict[str, Any]:
    paths = {}
    envelope = ref("Envelope")
    for name in ENDPOINTS:
        request, extra, summary = FINTIV_BODIES[name]
        answer = obj({"result": ref("Result"), **extra}, ["result"])
        paths[prefix + name] = {"post": {
            "tags": ["Fintiv Digital Stamp API v2"], "operationId": name, "summary": summary,
            "security": [{"apiKey": [], "bearer": []}],
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": request}}},
            "responses": {
                "200": _json(answer, "result.code 0, or a business refusal code"),
                "400": _json(envelope, "malformed JSON or wrong field types"),
                "401": _json(envelope, "api-key or bearer token missing or wrong"),
            },
        }}
    return paths


def _membership_paths() -> dict[str, Any]:
    err = ref("MembershipError")
    common = {"400": _json(err, "missing or invalid field"),
              "401": _json(err, "no Authorization header"),
              "403": _json(err, "wrong Authorization header")}
    merchant = {"name": "merchant", "in": "query", "required": True,
                "schema": {"type": "integer", "minimum": 0}}
    member_body = obj({
        "id": {**INT, "minimum": 0}, "merchant": {**INT, "minimum": 0},
        "store": {**INT, "minimum": 0}, "name": STR, "email": STR,
        "birthday": {**STR, "format": "date"}, "gender": {"type": "string",
                                                          "enum": ["male", "female"]},
        "member_id": STR, "phone": STR, "address": STR,
    })
    customer = _json(obj({"customer": ref("Customer")}, ["customer"]), "the member")

    def post(op: str, required: list[str]) -> dict[str, Any]:
        return {"post": {"tags": ["Membership"], "operationId": op,
                         "security": [{"membership": []}],
                         "requestBody": {"required": True, "content": {"application/json": {
                             "schema": {**member_body, "required": required}}}},
                         "responses": {"200": customer, **common}}}

    return {
        "/api/memberships/status": {"get": {
            "tags": ["Membership"], "operationId": "memberStatus",
            "security": [{"membership": []}],
            "parameters": [{"name": "user", "in": "query", "required": True, "schema": STR,
                            "description": "email, member ID, phone or primary key"}, merchant],
            "responses": {"200": _json(ref("Member"), "the member"), **common}}},
        "/api/memberships/suggestions": {"get": {
            "tags": ["Membership"], "operationId": "memberSuggestions",
            "security": [{"membership": []}],
            "parameters": [{"name": "query", "in": "query", "required": True, "schema": STR},
                           merchant],
            "responses": {"200": _json(obj({"suggestions": arr(ref("Member"))},
                                           ["suggestions"]), "matching members"), **common}}},
        "/api/memberships/register": post(
            "memberRegister", ["merchant", "name", "email", "birthday", "gender", "store"]),
        "/api/memberships/change": post(
            "memberChange", ["id", "merchant", "name", "birthday", "gender"]),
    }


def _vvd_paths() -> dict[str, Any]:
    answer = ref("VvdAnswer")
    ymd = {"type": "string", "format": "date", "example": "2025-12-31"}
    body = obj({
        "cardIdx": {**INT, "minimum": 1}, "domain": STR, "strtYmd": ymd, "endYmd": ymd,
        "activeYn": {"type": "string", "enum": ["Y", "N"]}, "memo": STR, "userId": STR,
        "userNm": STR, "userPhnno": STR, "userEml": STR, "userEtc1": STR, "userEtc2": STR,
    }, ["cardIdx", "strtYmd", "endYmd"])
    errors = {"400": _json(answer, "validation error"), "401": _json(answer, "wrong key"),
              "404": _json(answer, "unknown cardIdx or code")}
    return {
        "/api/stamp/v1/create": {"post": {
            "tags": ["vvd.bz"], "operationId": "stampCreate", "security": [{"vvd": []}],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": body}}},
            "responses": {"200": _json(answer, "result is the new 16-character code"),
                          **errors}}},
        "/api/stamp/v1/stamps/{code}": {"get": {
            "tags": ["vvd.bz"], "operationId": "stampLookup", "security": [{"vvd": []}],
            "summary": "extension: resolve a code to its card instance",
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": STR}],
            "responses": {"200": _json(answer, "cardInstanceId, stampCardId, url"),
                          **errors}}},
    }


def openapi_document(config: ServerConfig) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Stamp POS reference stamp service", "version": "1.0.0",
                 "description": "Fintiv Digital Stamp API v2, vvd.bz stamp create and the "
                                "Stamps.co.id Membership API. See docs/server.md."},
        "paths": {**_fintiv_paths(config.prefix), **_membership_paths(), **_vvd_paths()},
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "api-key"},
                "bearer": {"type": "http", "scheme": "bearer"},
                "membership": {"type": "apiKey", "in": "header", "name": "Authorization",
                               "description": "e.g. 'Token demo-membership'"},
                "vvd": {"type": "http", "scheme": "bearer"},
            },
        },
    }
