/// The kinds of document an evidence manifest may list (`kind:` in `evidence.yaml`).
public enum EvidenceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case passport, photo, degree
    case criminalRecord = "criminal_record"
    case healthCertificate = "health_certificate"
    case employmentContract = "employment_contract"
    case experienceLetter = "experience_letter"
    case salaryCommitment = "salary_commitment"
    case hskCertificate = "hsk_certificate"
    case talentProgrammeCertificate = "talent_programme_certificate"
    case awardProof = "award_proof"
    case paperList = "paper_list"
    case patent
    case capitalVerificationReport = "capital_verification_report"
    case vocationalCertificate = "vocational_certificate"
    case teflCertificate = "tefl_certificate"
    case cancellationCertificate = "cancellation_certificate"
    case visaOrResidencePermit = "visa_or_residence_permit"

    /// Words in file names (English and Chinese) that suggest this kind, for `dossier init`.
    var fileNameHints: [String] {
        switch self {
        case .passport: ["passport", "护照"]
        case .photo: ["photo", "照片", "相片"]
        case .degree: ["degree", "diploma", "学位", "学历", "毕业证"]
        case .criminalRecord: ["criminal", "police", "无犯罪", "犯罪记录"]
        case .healthCertificate: ["health", "medical", "体检", "健康"]
        case .employmentContract: ["contract", "合同"]
        case .experienceLetter: ["experience", "reference", "employment-letter", "工作经历", "工作证明"]
        case .salaryCommitment: ["salary", "薪酬", "工资"]
        case .hskCertificate: ["hsk", "汉语水平"]
        case .talentProgrammeCertificate: ["talent", "人才计划"]
        case .awardProof: ["award", "prize", "奖"]
        case .paperList: ["papers", "publications", "论文"]
        case .patent: ["patent", "专利"]
        case .capitalVerificationReport: ["capital", "验资"]
        case .vocationalCertificate: ["vocational", "职业资格"]
        case .teflCertificate: ["tefl", "tesol", "celta"]
        case .cancellationCertificate: ["cancellation", "注销"]
        case .visaOrResidencePermit: ["visa", "residence", "签证", "居留"]
        }
    }
}

/// How a foreign document was authenticated (`authentication:` in `evidence.yaml`).
public enum Authentication: String, Sendable, Hashable, Codable, CaseIterable {
    case apostille, consular, cscse, none
}
