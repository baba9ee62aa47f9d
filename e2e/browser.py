"""What a person does in the browser, for every browser test: sign in and out, fill a form
field as it is shown (text, date, list), press a button and wait for the next page, keep a
screenshot. Every wait is bounded."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 30  # seconds: the longest any page may take
# Phones (issue 16 part 4): THIDUA_PHONE=1 makes the browser a phone held upright (390×844 CSS
# pixels, a phone's user agent, touch); the pages' menu then hides behind «Trình đơn».
PHONE = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3, "touch": True},
         "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/156.0.0.0 Mobile Safari/537.36"} if os.environ.get("THIDUA_PHONE") == "1" else None


def shot(driver, name, folder=None):
    """Keeps a screenshot as `folder/name.png` (by default in $THIDUA_SCREENSHOTS, if set)."""
    folder = folder or os.environ.get("THIDUA_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        driver.save_screenshot(os.path.join(folder, name + ".png"))


def submit(driver, selector):
    """Clicks a submit button and waits for the next page to load."""
    press(driver, driver.find_element(By.CSS_SELECTOR, selector))


def press(driver, button):
    """Clicks a button (or link) and waits for the next page to load."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, WAIT).until(lambda d: old != d.find_element(By.TAG_NAME, "html"))


def button(driver, label, within=None):
    """The button whose text is `label`, on the page or inside an element."""
    scope = within or driver
    matches = [b for b in scope.find_elements(By.TAG_NAME, "button") if b.text.strip() == label]
    assert matches, f"no button «{label}» on {driver.current_url}"
    return matches[0]


def follow(driver, text):
    """Clicks the link whose text is `text` and waits for the page (on a phone, a link of the
    menu is first shown by opening the menu)."""
    if not driver.find_elements(By.LINK_TEXT, text):
        open_menu(driver)
    press(driver, driver.find_element(By.LINK_TEXT, text))


def open_menu(driver):
    """Opens the header's «Trình đơn» where it is folded (a phone); elsewhere it is always shown."""
    for toggle in driver.find_elements(By.CSS_SELECTOR, "a.menu-toggle"):
        if toggle.is_displayed():
            toggle.click()


def close_menu(driver):
    """Folds the menu opened by open_menu, so that it covers nothing (a phone)."""
    for close in driver.find_elements(By.CSS_SELECTOR, "a.menu-close"):
        if close.is_displayed():
            close.click()


def sign_out(driver):
    """«Đăng xuất», from the menu on a phone."""
    open_menu(driver)
    submit(driver, ".session button")


def fill(driver, name, value, within=None):
    """Types into the field called `name` as a person would: a list is chosen by the text of
    its option (the start of it is enough), a date is set whole, a text field is replaced."""
    element = (within or driver).find_element(By.NAME, name)
    if element.tag_name == "select":
        select = Select(element)
        options = [o for o in select.options if o.text.strip().startswith(value)]
        assert options, f"«{value}» is not offered in {name}: {[o.text for o in select.options]}"
        select.select_by_visible_text(options[0].text)
    elif element.get_attribute("type") == "date":
        # A date picker types in the browser's locale; the value itself is what it sends.
        driver.execute_script("arguments[0].value = arguments[1]", element, value)
    elif element.get_attribute("type") == "file":
        element.send_keys(value)
    else:
        element.clear()
        element.send_keys(value)


def sign_in(driver, server, username, password):
    # Stay on the sign-in page the site sent us to, so that it returns us where we were going.
    if "/dang-nhap" not in driver.current_url:
        driver.get(server["base"] + "/dang-nhap")
    driver.find_element(By.NAME, "username").clear()
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver, "form.form button[type=submit]")


def signed_out(driver, server):
    """Starts a test as nobody, whatever the one before left behind."""
    driver.get(server["base"] + "/tai-khoan")
    if driver.find_elements(By.CSS_SELECTOR, ".session button"):
        sign_out(driver)
