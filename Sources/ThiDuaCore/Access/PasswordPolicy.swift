/// What a password must be: long enough, not one of the passwords everyone tries first,
/// not the user's own name.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumLength = 128

    public static func check(_ password: String, username: String) throws {
        var issues = IssueCollector()
        issues.check(password.count >= minimumLength, field: "password",
                     "Mật khẩu cần ít nhất \(minimumLength) ký tự.")
        issues.check(password.count <= maximumLength, field: "password",
                     "Mật khẩu dài quá \(maximumLength) ký tự.")
        let folded = VietnameseText.searchKey(password).replacingOccurrences(of: " ", with: "")
        issues.check(!common.contains(folded) && !common.contains(password.lowercased()), field: "password",
                     "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.")
        let user = VietnameseText.searchKey(username).replacingOccurrences(of: " ", with: "")
        issues.check(user.isEmpty || !folded.contains(user), field: "password",
                     "Mật khẩu không được chứa tên đăng nhập.")
        issues.check(Set(password).count >= 4, field: "password",
                     "Mật khẩu cần nhiều ký tự khác nhau hơn.")
        try issues.finish()
    }

    /// The most common passwords of public breach lists, with the Vietnamese ones
    /// (matkhau, anhyeuem…) that such lists rank high for Vietnam. Compared after folding
    /// case, diacritics and spaces.
    static let common: Set<String> = [
        "123456", "123456789", "12345678", "password", "qwerty", "12345", "1234567", "111111", "123123",
        "1234567890", "000000", "abc123", "password1", "iloveyou", "1q2w3e4r", "qwerty123", "qwertyuiop",
        "123321", "654321", "666666", "987654321", "1qaz2wsx", "555555", "7777777", "888888", "11111111",
        "112233", "121212", "123654", "159753", "147258369", "123qwe", "zaq12wsx", "dragon", "monkey",
        "letmein", "football", "baseball", "welcome", "welcome1", "admin", "admin123", "administrator",
        "passw0rd", "p@ssw0rd", "p@ssword", "password123", "password12", "password1234", "qwerty1234",
        "trustno1", "sunshine", "princess", "master", "shadow", "superman", "michael", "jennifer",
        "hello123", "computer", "whatever", "starwars", "freedom", "1234qwer", "asdfghjkl", "asdf1234",
        "q1w2e3r4t5", "1q2w3e4r5t", "zxcvbnm", "1111111111", "0000000000", "123456789a", "a123456789",
        "12345678910", "0123456789", "9876543210", "changeme", "default", "secret", "test1234", "testtest",
        "matkhau", "matkhau123", "matkhau1234", "matkhaumoi", "anhyeuem", "anhyeuem123", "emyeuanh",
        "yeuem", "yeuanh", "iloveyou123", "vietnam", "vietnam123", "vietnam1234", "hanoi123", "saigon123",
        "hochiminh", "123456aa", "nguyen123", "tran123456", "thidua", "thidua123", "thiduakhenthuong",
        "khenthuong", "khenthuong123", "congvan", "admin@123", "admin1234", "abcd1234", "abc12345",
        "aa123456", "a1234567", "qwe123456", "123abc", "1234abcd", "12341234", "11223344", "99999999",
        "88888888", "66666666", "22222222", "12121212", "5201314", "00000000", "987654321a",
    ]
}
