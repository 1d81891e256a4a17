import Testing
@testable import Inference

@Test func InferenceModuleLinks() {
    #expect(Bool(true))
}
