import Testing
import QuaySystem

@Suite("UserDatabase")
struct UserDatabaseTests {
    @Test("group lookups: root is 0, an unknown name is nil")
    func groups() throws {
        #expect(try UserDatabase.groupID(named: "root") == 0)
        #expect(try UserDatabase.groupID(named: "quay-no-such-group-\(UInt32.random(in: 0...UInt32.max))") == nil)
    }
}
