from tests.helpers import texts


async def test_smoke(bot, api):
    parent = api.user(1001, "Anna")
    parent.send("/start")
    await parent.wait_for(lambda m: "Ouderbot" in m["text"])
