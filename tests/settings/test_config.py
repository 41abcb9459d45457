import pytest

from pos.settings import config, secrets
from pos.settings.config import ConfigError, load, save


def test_defaults_file_and_environment_precedence(tmp_path):
    path = tmp_path / "config.toml"
    assert load(path, environ={}).batch_size == 50
    save({"batch_size": 20, "language": "fr"}, path)
    assert load(path, environ={}).batch_size == 20
    cfg = load(path, environ={"STAMP_POS_BATCH_SIZE": "7"})
    assert cfg.batch_size == 7 and cfg.language == "fr"


@pytest.mark.parametrize("env, message", [
    ({"STAMP_POS_BATCH_SIZE": "lots"}, "must be a whole number"),
    ({"STAMP_POS_BATCH_SIZE": "0"}, "at least 1"),
    ({"STAMP_POS_DECODER": "magic"}, "one of zxing, pyzbar, opencv"),
    ({"STAMP_POS_HTTP_TIMEOUT": "soon"}, "must be a number"),
])
def test_bad_values_name_the_setting(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path / "none.toml", environ=env)


def test_broken_or_unknown_file_is_a_clear_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("batch_size = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(path, environ={})
    path.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown settings: colour"):
        load(path, environ={})


def test_every_setting_is_declared_once_with_a_description():
    names = [s.name for s in config.SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.description and isinstance(s.default, s.type) for s in config.SETTINGS)


def test_home_relocates_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("STAMP_POS_HOME", str(tmp_path))
    assert config.database_path().parent == tmp_path
    assert config.config_path().parent == tmp_path
    assert config.log_dir().parent == tmp_path


def test_secrets_fall_back_to_a_0600_file_and_stay_out_of_config(tmp_path, monkeypatch):
    monkeypatch.setenv("STAMP_POS_HOME", str(tmp_path))
    secrets.set("fintiv_api_key", "sk-live-123456")
    assert secrets.get("fintiv_api_key") == "sk-live-123456"
    path = tmp_path / "secrets.json"
    assert path.stat().st_mode & 0o777 == 0o600
    save({"batch_size": 3})
    assert "sk-live" not in config.config_path().read_text()
    assert secrets.redact("key=sk-live-123456") == "key=***"


@pytest.mark.parametrize("env, message", [
    ({"STAMP_POS_HTTP_TIMEOUT": "nan"}, "finite number"),
    ({"STAMP_POS_HTTP_TIMEOUT": "1e400"}, "finite number"),
    ({"STAMP_POS_PULL_INTERVAL": "inf"}, "finite number"),
    ({"STAMP_POS_BATCH_SIZE": "5000"}, "at most 1000"),
    ({"STAMP_POS_TERMINAL_SLOT": "10"}, "at most 9"),
    ({"STAMP_POS_FINTIV_BASE_URL": "not a url"}, "web address"),
    ({"STAMP_POS_VVD_BASE_URL": "ftp://example.com"}, "web address"),
    ({"STAMP_POS_MEMBERSHIP_BASE_URL": "https://"}, "web address"),
])
def test_values_that_cannot_work_are_refused(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path / "none.toml", environ=env)


def test_settings_read_as_typed_attributes(tmp_path):
    cfg = load(tmp_path / "none.toml", environ={"STAMP_POS_EXTRA_STAMP_DOMAINS": "a.example, b"})
    assert cfg.extra_stamp_domains == ["a.example", "b"]
    assert cfg.stamp_domains == ("https://vvd.bz", "a.example", "b")
    assert isinstance(cfg.http_timeout, float) and isinstance(cfg.batch_size, int)
    assert config.Config.batch_size.name == "batch_size"  # the declaration, read on the class
    with pytest.raises(AttributeError):
        cfg.colour  # noqa: B018
