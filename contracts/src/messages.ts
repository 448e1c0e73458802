/**
 * Every user-facing message of the API, in zh-CN (default) and en. The server answers errors with
 * `{ code, message }` translated by Accept-Language; the web app uses the same table for the
 * messages it shows before a request is made (password policy hints).
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Entry = Record<Lang, string>;

export const MESSAGES = {
  'validation.invalid': { 'zh-CN': '{field}：{detail}', en: '{field}: {detail}' },
  'v.required': { 'zh-CN': '必填', en: 'is required' },
  'v.invalid_type': { 'zh-CN': '类型不正确', en: 'has the wrong type' },
  'v.too_short': { 'zh-CN': '至少 {min} 个字符', en: 'must be at least {min} characters' },
  'v.too_long': { 'zh-CN': '最多 {max} 个字符', en: 'must be at most {max} characters' },
  'v.too_small': { 'zh-CN': '不得小于 {min}', en: 'must be at least {min}' },
  'v.too_big': { 'zh-CN': '不得大于 {max}', en: 'must be at most {max}' },
  'v.too_few': { 'zh-CN': '至少选择 {min} 项', en: 'needs at least {min} item(s)' },
  'v.invalid_format': { 'zh-CN': '格式不正确', en: 'has an invalid format' },
  'v.invalid_value': { 'zh-CN': '取值不在允许范围内', en: 'is not an allowed value' },
  'v.unknown_field': { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  'v.date': { 'zh-CN': '应为有效日期（YYYY-MM-DD）', en: 'must be a valid date (YYYY-MM-DD)' },
  'v.phone': { 'zh-CN': '应为手机号或固定电话号码', en: 'must be a mobile or landline number' },
  'v.username': {
    'zh-CN': '只能包含字母、数字、点、下划线和连字符，3–32 位',
    en: 'may contain letters, digits, dot, underscore and hyphen, 3–32 characters',
  },
  'v.cert_dates': {
    'zh-CN': '执法证有效期起始日期不得晚于截止日期',
    en: 'the certificate validity must start before it ends',
  },
  'v.cert_incomplete': {
    'zh-CN': '填写执法证号时须同时填写有效期起止日期',
    en: 'a certificate number needs its validity start and end dates',
  },
  'password.too_short': { 'zh-CN': '密码至少 {min} 位', en: 'at least {min} characters' },
  'password.classes': {
    'zh-CN': '须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'at least three of: upper-case, lower-case, digit, symbol',
  },
  'password.contains_username': { 'zh-CN': '不得包含用户名', en: 'must not contain the user name' },
  'password.reused': { 'zh-CN': '新密码不得与当前密码相同', en: 'must differ from the current password' },
  'auth.unauthenticated': { 'zh-CN': '请先登录', en: 'Please sign in' },
  'auth.session_expired': {
    'zh-CN': '登录已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  'auth.locked': {
    'zh-CN': '连续登录失败次数过多，账号已临时锁定，请于 {retryAt} 后重试（约 {minutes} 分钟）',
    en: 'Too many failed sign-ins; the account is locked. Try again after {retryAt} (about {minutes} min)',
  },
  'auth.rate_limited': {
    'zh-CN': '尝试过于频繁，请 {seconds} 秒后重试',
    en: 'Too many attempts; try again in {seconds} s',
  },
  'auth.csrf': {
    'zh-CN': '请求校验失败，请刷新页面后重试',
    en: 'Request verification failed; reload the page and try again',
  },
  'auth.password_change_required': {
    'zh-CN': '请先修改初始密码',
    en: 'Please change your initial password first',
  },
  'auth.wrong_current_password': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  forbidden: { 'zh-CN': '无权执行此操作', en: 'You may not do this' },
  not_found: { 'zh-CN': '记录不存在', en: 'Not found' },
  'conflict.username_taken': {
    'zh-CN': '用户名“{username}”已被使用',
    en: 'The user name “{username}” is taken',
  },
  'conflict.unit_name_taken': { 'zh-CN': '单位名称“{name}”已存在', en: 'A unit named “{name}” exists' },
  'org.unit_missing': {
    'zh-CN': '所选执法单位不存在或已停用',
    en: 'The chosen unit does not exist or is inactive',
  },
  'org.unit_parent_cycle': {
    'zh-CN': '上级单位不能是本单位或其下级单位',
    en: 'A unit cannot be placed under itself or one of its sub-units',
  },
  'org.unit_has_active_people': {
    'zh-CN': '该单位仍有 {count} 名在岗人员，不能停用',
    en: 'The unit still has {count} active people and cannot be deactivated',
  },
  'org.cannot_disable_self': { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  'org.last_admin': {
    'zh-CN': '不能移除最后一名在岗的信息中心管理员',
    en: 'The last active IT administrator cannot be removed',
  },
  'request.too_large': { 'zh-CN': '请求内容过大', en: 'The request is too large' },
  'request.bad': { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  'ledger.seq_gap': {
    'zh-CN': '台账序号不连续：缺少第 {seq} 条',
    en: 'ledger sequence gap: entry {seq} is missing',
  },
  'ledger.event_mismatch': {
    'zh-CN': '第 {seq} 条（{action}）：事件内容与记录字段不一致',
    en: 'leaf {seq} {action}: event does not match its columns',
  },
  'ledger.leaf_hash_differs': {
    'zh-CN': '第 {seq} 条（{action}）：叶哈希与事件内容不符',
    en: 'leaf {seq} {action}: stored leaf hash differs from the event',
  },
  'ledger.node_differs': {
    'zh-CN': '默克尔树节点 {node} 与重算结果不符',
    en: 'tree node {node} differs from the hash recomputed from the leaves',
  },
  'ledger.node_missing': { 'zh-CN': '默克尔树节点 {node} 缺失', en: 'tree node {node} is missing' },
  'ledger.head_root_differs': {
    'zh-CN': '签名树头（树大小 {size}）的根哈希与台账重算结果不符',
    en: 'signed head {size}: root hash differs from the one recomputed from the leaves',
  },
  'ledger.head_signature_invalid': {
    'zh-CN': '签名树头（树大小 {size}）的签名无效',
    en: 'signed head {size}: signature is invalid',
  },
  'ledger.head_beyond_tree': {
    'zh-CN': '签名树头（树大小 {size}）超出台账现有的 {treeSize} 条记录',
    en: 'signed head {size} is beyond the {treeSize} entries the ledger holds',
  },
  'ledger.head_inconsistent': {
    'zh-CN': '签名树头 {from} 与 {to} 之间的一致性证明未通过',
    en: 'signed heads {from} and {to} are not consistent',
  },
  'ledger.not_included': {
    'zh-CN': '第 {seq} 条（{action}）：未能证明包含在签名树头中',
    en: 'leaf {seq} {action}: inclusion in the signed head does not verify',
  },
  'ledger.row_differs': {
    'zh-CN': '第 {seq} 条（{action}）：业务数据已被改动（{type} {id}）',
    en: 'leaf {seq} {action}: stored row differs ({type} {id})',
  },
  'ledger.row_missing': {
    'zh-CN': '第 {seq} 条（{action}）：业务数据已不存在（{type} {id}）',
    en: 'leaf {seq} {action}: stored row is missing ({type} {id})',
  },
  'ledger.row_unrecorded': {
    'zh-CN': '{type} {id}：业务数据没有任何台账记录',
    en: '{type} {id}: row has no ledger entry',
  },
  'ledger.blob_missing': {
    'zh-CN': '文件 sha256:{hash} 缺失（第 {seq} 条）',
    en: 'blob sha256:{hash} is missing (leaf {seq})',
  },
  'ledger.blob_differs': {
    'zh-CN': '文件 sha256:{hash} 的内容与其哈希不符（第 {seq} 条）',
    en: 'blob sha256:{hash}: bytes differ from their hash (leaf {seq})',
  },
  'ledger.no_head': { 'zh-CN': '尚无签名树头', en: 'no signed tree head yet' },
  'upload.too_large': {
    'zh-CN': '文件过大：单个文件不得超过 {max}（本文件 {size}）',
    en: 'The file is too large: at most {max} per file (this one is {size})',
  },
  'upload.empty': { 'zh-CN': '文件为空，不能上传', en: 'The file is empty and cannot be uploaded' },
  'upload.metadata_invalid': {
    'zh-CN': '上传信息（Upload-Metadata）不正确或过长',
    en: 'The upload metadata (Upload-Metadata) is malformed or too long',
  },
  'upload.disk_full': {
    'zh-CN': '服务器存储空间已满，已收到的部分已保留；请联系信息中心释放空间后继续上传',
    en: 'The server storage is full; the part received so far is kept. Ask IT to free space, then resume the upload',
  },
  'upload.offset_conflict': {
    'zh-CN': '上传进度不一致，请重新获取进度后继续',
    en: 'The upload offset does not match; fetch the current offset and resume',
  },
  'upload.incomplete': {
    'zh-CN': '文件尚未上传完整，请继续上传',
    en: 'The file has not been received completely; resume the upload',
  },
  'v.instant': {
    'zh-CN': '应为带时区的时间（如 2026-11-28T09:30:00+08:00）',
    en: 'must be a time with its zone (e.g. 2026-11-28T09:30:00+08:00)',
  },
  'v.device_number': {
    'zh-CN': '应为 3–32 位字母、数字、下划线或连字符',
    en: 'must be 3–32 letters, digits, underscores or hyphens',
  },
  'v.number': { 'zh-CN': '应为数字', en: 'must be a number' },
  'v.officer_unknown': {
    'zh-CN': '所选执法人员不存在或已停用',
    en: 'a chosen officer does not exist or is inactive',
  },
  'v.officer_not_in_unit': {
    'zh-CN': '责任人须为该单位的在岗人员',
    en: 'the assigned officer must be an active member of the unit',
  },
  'v.capture_order': {
    'zh-CN': '拍摄结束时间不得早于开始时间',
    en: 'the capture cannot end before it starts',
  },
  'v.unit_not_allowed': {
    'zh-CN': '只能登记到本单位',
    en: 'may only be your own unit',
  },
  'case.refused': {
    'zh-CN': '不能“{action}”：{reasons}',
    en: 'Cannot “{action}”: {reasons}',
  },
  'case.officers_min': {
    'zh-CN': '案件须有至少两名执法人员',
    en: 'a case needs at least two enforcement officers',
  },
  'case.officer_uncertified': {
    'zh-CN': '{name}没有有效的执法证，不能承办案件',
    en: '{name} holds no valid enforcement certificate and cannot handle cases',
  },
  'case.officer_unknown': {
    'zh-CN': '所选执法人员不存在或已停用',
    en: 'a chosen officer does not exist or is inactive',
  },
  'case.party_unknown': { 'zh-CN': '当事人不存在', en: 'the party does not exist' },
  'case.received_future': {
    'zh-CN': '收到日期不能晚于今天',
    en: 'the date received cannot be in the future',
  },
  'case.violation_after_received': {
    'zh-CN': '违法行为终了日期不能晚于收到日期',
    en: 'the violation cannot end after the date received',
  },
  'case.unit_not_own': {
    'zh-CN': '只能为本单位登记案件',
    en: 'you can register cases for your own unit only',
  },
  'case.closed': { 'zh-CN': '案件已办结，不能再修改', en: 'the case is closed and cannot change' },
  'case.procedure_missing': {
    'zh-CN': '{kind}的办案程序尚未配置',
    en: 'no procedure is configured for {kind}',
  },
  'case.transition_unknown': { 'zh-CN': '该程序中没有这个环节', en: 'the procedure has no such step' },
  'approval.not_pending': { 'zh-CN': '该审批已结束', en: 'this approval is no longer pending' },
  'conflict.device_number_taken': {
    'zh-CN': '设备编号“{deviceNumber}”已登记',
    en: 'The device number “{deviceNumber}” is already registered',
  },
  'recording.not_media': {
    'zh-CN': '该文件实际是{zh}（{en}），不是音视频或照片，不能作为音像记录上传；未保存任何内容',
    en: 'Not accepted as a recording: the file is {en} ({zh}), not audio, video or a photo; nothing was stored',
  },
  'recording.not_playable': {
    'zh-CN': '该音像记录正在转码，暂不能在浏览器中播放，请稍后再试',
    en: 'This recording is being transcoded and cannot be played in the browser yet; try again shortly',
  },
  'recording.proxy_failed': {
    'zh-CN': '该音像记录无法转码为可在浏览器中播放的格式；原件完好，可由有权限的人员下载查看',
    en: 'This recording could not be transcoded for the browser; the original is intact and can be downloaded by those allowed to',
  },
  'recording.no_poster': { 'zh-CN': '该记录没有缩略图', en: 'This recording has no thumbnail' },
  'recording.range_invalid': {
    'zh-CN': '请求的字节范围无效（文件共 {size} 字节）',
    en: 'The requested byte range is invalid (the file has {size} bytes)',
  },
  'recording.nothing_changed': {
    'zh-CN': '没有需要更正的内容',
    en: 'Nothing to correct: every value is as recorded',
  },
  'recording.link_exists': {
    'zh-CN': '该记录已关联到此案件环节',
    en: 'The recording is already linked to this case step',
  },
  'recording.link_case_unknown': {
    'zh-CN': '没有这个案件，或您无权查看该案件',
    en: 'There is no such case, or you may not see it',
  },
  'recording.link_step_unknown': {
    'zh-CN': '该案件的程序没有“{step}”这一音像记录要求；可选：{allowed}',
    en: 'The case’s procedure has no AV requirement “{step}”; choose one of: {allowed}',
  },
  'recording.link_missing': {
    'zh-CN': '该记录未关联到此案件环节',
    en: 'The recording is not linked to this case step',
  },
  // ---------- parties (当事人) ----------
  'v.uscc_format': {
    'zh-CN': '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    en: 'a unified social credit code has 18 digits or capital letters (no I, O, Z, S or V)',
  },
  'v.uscc_check': {
    'zh-CN': '统一社会信用代码校验位不正确（应为 {expected}），请核对是否有输错的字符',
    en: 'the check character of the unified social credit code is wrong (it should be {expected}); check for a mistyped character',
  },
  'v.resident_id_format': {
    'zh-CN': '居民身份证号应为 18 位：17 位数字加 1 位数字或 X',
    en: 'a resident ID number has 18 characters: 17 digits and a digit or X',
  },
  'v.resident_id_region': {
    'zh-CN': '居民身份证号前两位“{code}”不是有效的省级行政区划代码',
    en: 'the first two digits “{code}” of the resident ID number are not a province code',
  },
  'v.resident_id_birth': {
    'zh-CN': '居民身份证号中的出生日期“{date}”不是有效日期',
    en: 'the birth date “{date}” in the resident ID number is not a real date',
  },
  'v.resident_id_birth_future': {
    'zh-CN': '居民身份证号中的出生日期 {date} 晚于今天',
    en: 'the birth date {date} in the resident ID number is after today',
  },
  'v.resident_id_check': {
    'zh-CN': '居民身份证号校验码不正确（应为 {expected}），请核对是否有输错的数字',
    en: 'the check digit of the resident ID number is wrong (it should be {expected}); check for a mistyped digit',
  },
  'v.party_sex_mismatch': {
    'zh-CN': '与居民身份证号记载的性别不符',
    en: 'does not match the sex the resident ID number records',
  },
  'v.party_legal_rep_person': {
    'zh-CN': '个人当事人没有法定代表人',
    en: 'a person has no legal representative',
  },
  'conflict.party_uscc_taken': {
    'zh-CN': '该统一社会信用代码已登记为「{name}」',
    en: 'This unified social credit code is already registered as “{name}”',
  },
  'conflict.party_resident_id_taken': {
    'zh-CN': '该居民身份证号已登记为「{name}」',
    en: 'This resident ID number is already registered as “{name}”',
  },
  'calendar.unknown_year': {
    'zh-CN': '{year} 年的法定节假日和调休安排尚未录入，期限按普通周末推算，请信息中心更新工作日历',
    en: 'The public holidays and make-up working days of {year} are not yet entered; deadlines are estimated with ordinary weekends only. The IT centre should update the working-day calendar',
  },
  // ---------- documents (文书) ----------
  'document.template_unknown': { 'zh-CN': '没有这个文书模板', en: 'there is no such document template' },
  'document.field_invalid': { 'zh-CN': '{problems}', en: '{problems}' },
  'document.required_missing': {
    'zh-CN': '签发前请填写：{fields}',
    en: 'Fill in before issuing: {fields}',
  },
  'document.issued_readonly': {
    'zh-CN': '已签发的文书不能修改，请制作更正版本',
    en: 'An issued document cannot be changed; make a corrected version instead',
  },
  'document.not_draft': {
    'zh-CN': '该文书已签发，不能再次签发',
    en: 'This document has already been issued',
  },
  'document.not_issued': {
    'zh-CN': '只有已签发的文书才能更正；草稿可直接修改',
    en: 'Only an issued document can be corrected; edit the draft instead',
  },
  'document.superseded': {
    'zh-CN': '该文书已被更正版本取代，请在最新版本上操作',
    en: 'This document has been superseded by a corrected version; work on the latest version',
  },
  'document.issue_busy': {
    'zh-CN': '同时签发的文书较多，文号分配未能完成，请重试；未保存任何内容',
    en: 'Too many documents are being issued at once; no number was used and nothing was stored. Try again',
  },
  'document.scan_needs_issued': {
    'zh-CN': '只能为已签发的文书上传签章扫描件',
    en: 'A signed scan can only be attached to an issued document',
  },
  'document.scan_type_unsupported': {
    'zh-CN': '签章扫描件须为 PDF、JPEG 或 PNG 文件（请求的 Content-Type 须与之相符）',
    en: 'A signed scan must be a PDF, JPEG or PNG file (with the matching Content-Type)',
  },
  'document.scan_type_mismatch': {
    'zh-CN': '该文件实际是{actual}，与声明的类型（{declared}）不符；未保存任何内容',
    en: 'The file is {actual}, not the declared {declared}; nothing was stored',
  },
  'document.scan_empty': { 'zh-CN': '上传的文件是空的', en: 'The uploaded file is empty' },
  'delivery.not_served_document': {
    'zh-CN': '只有已签发、送交当事人或投诉人的文书才需要送达',
    en: 'Only an issued document addressed to the party or complainant is served',
  },
  'delivery.refused': {
    'zh-CN': '不能记录送达：{reasons}',
    en: 'The service cannot be recorded: {reasons}',
  },
  'form.series_format': {
    'zh-CN': '编号前缀不能含空格或数字',
    en: 'The number prefix may not contain spaces or digits',
  },
  'form.range_order': { 'zh-CN': '止号不能小于起号', en: 'The last number is lower than the first' },
  'form.range_too_long': {
    'zh-CN': '一次最多登记10000个编号',
    en: 'At most 10,000 numbers are registered at once',
  },
  'form.range_digits': {
    'zh-CN': '止号的位数超过了印刷位数',
    en: 'The last number has more digits than the printed width',
  },
  'form.range_overlap': {
    'zh-CN': '与已登记的编号段 {range} 重叠',
    en: 'The range overlaps the registered range {range}',
  },
  'form.holder_not_unit': {
    'zh-CN': '领用人须是该单位在职的执法人员',
    en: 'The holder must be an active officer of that unit',
  },
  'form.number_outside': {
    'zh-CN': '编号 {number} 不在本编号段内',
    en: 'Number {number} is not in this range',
  },
  'form.number_unknown': {
    'zh-CN': '编号 {number} 不在已登记的{form}编号段内，请先登记领用的编号段',
    en: 'Number {number} is in no registered range of {form}; register the pad first',
  },
  'form.number_taken': {
    'zh-CN': '编号 {number} 已经{status}，不能再次使用',
    en: 'Number {number} has been {status} already',
  },
  'form.number_not_holder': {
    'zh-CN': '编号 {number} 所在的编号段由 {holder} 领用，不是本案的执法人员',
    en: 'Number {number} belongs to a pad held by {holder}, who is not an officer of this case',
  },
  'form.number_not_unit': {
    'zh-CN': '编号 {number} 所在的编号段属于其他单位',
    en: 'Number {number} belongs to another unit’s pad',
  },
  'form.number_skipped': {
    'zh-CN': '编号 {number} 之前的 {skipped} 尚未使用也未作废：请按顺序使用，跳过的编号须先作废并说明原因',
    en: 'Numbers before {number} — {skipped} — are neither used nor voided: use the pad in order, and void a skipped number with its reason first',
  },
  'document.form_number_missing': {
    'zh-CN': '该文书印有预印编号：案件尚未登记所使用的{form}编号',
    en: 'This form carries a pre-printed number: the case has no {form} number recorded yet',
  },
  'document.fonts_missing': {
    'zh-CN': '服务器缺少排版文书所需的中文字体，请联系信息化管理员安装 fonts-noto-cjk',
    en: 'The server lacks the CJK fonts documents are set in; ask IT to install fonts-noto-cjk',
  },
  // ---------- fines: payments, the account, the hand-over (A11.2, A11.3) ----------
  'payment.no_fine': {
    'zh-CN': '该案件没有罚款决定，无需登记缴款',
    en: 'This case imposes no fine; there is no payment to record',
  },
  'payment.not_payable': {
    'zh-CN': '案件当前环节为“{step}”，不能登记罚款缴纳',
    en: 'The case is at “{step}”; a fine payment cannot be recorded now',
  },
  'payment.not_served': {
    'zh-CN': '行政处罚决定书尚未送达，缴款期限尚未起算，不能登记缴款',
    en: 'The penalty decision has not been served yet, so no payment period runs; a payment cannot be recorded',
  },
  'payment.before_service': {
    'zh-CN': '不能早于行政处罚决定书送达之日（{servedOn}）',
    en: 'cannot be before the day the decision was served ({servedOn})',
  },
  'payment.in_future': { 'zh-CN': '不能晚于今天', en: 'cannot be in the future' },
  'payment.over_balance': {
    'zh-CN': '本次缴款 {amount} 元超过尚欠金额 {balance} 元（罚款及加处罚款）',
    en: 'The payment of {amount} yuan exceeds the {balance} yuan still owed (fine and surcharge)',
  },
  'payment.paid_in_full': {
    'zh-CN': '罚款及加处罚款已全部缴清，无需再登记缴款',
    en: 'The fine and any surcharge are paid in full; there is nothing left to record',
  },
  'payment.receipt_taken': {
    'zh-CN': '票据号“{receiptNumber}”已登记过（{caseNumber}），同一张票据不能重复登记',
    en: 'The receipt number “{receiptNumber}” is already recorded ({caseNumber}); a bill is recorded once',
  },
  'payment.receipt_type_mismatch': {
    'zh-CN': '票据扫描件实际是{actual}，与声明的类型（{declared}）不符；未保存任何内容',
    en: 'The receipt scan is {actual}, not the declared {declared}; nothing was stored',
  },
  'payment.receipt_too_large': {
    'zh-CN': '票据扫描件不得超过 10 MB',
    en: 'A receipt scan may be at most 10 MB',
  },
  'payment.plan_refused': {
    'zh-CN': '延期（分期）缴纳计划不正确：{reasons}',
    en: 'The deferral or instalment plan is not valid: {reasons}',
  },
  internal: {
    'zh-CN': '服务器内部错误，请稍后重试（请求编号 {requestId}）',
    en: 'Internal error; please try again later (request {requestId})',
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key);
}

/** A message parameter: a value, or a text given in both languages (the caller's is used). */
export type MessageParam = string | number | Record<Lang, string>;

export function translate(key: MessageKey, lang: Lang, params: Record<string, MessageParam> = {}): string {
  const template = MESSAGES[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) {
      return whole;
    }
    const value = params[name];
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** Picks zh-CN unless the Accept-Language header prefers English. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) {
    return 'zh-CN';
  }
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export const FIELD_LABELS: Record<string, Entry> = {
  username: { 'zh-CN': '用户名', en: 'user name' },
  password: { 'zh-CN': '密码', en: 'password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'current password' },
  newPassword: { 'zh-CN': '新密码', en: 'new password' },
  name: { 'zh-CN': '名称', en: 'name' },
  code: { 'zh-CN': '代码', en: 'code' },
  parentId: { 'zh-CN': '上级单位', en: 'parent unit' },
  unitId: { 'zh-CN': '执法单位', en: 'unit' },
  roles: { 'zh-CN': '角色', en: 'roles' },
  certNo: { 'zh-CN': '执法证号', en: 'certificate number' },
  certValidFrom: { 'zh-CN': '执法证有效期起', en: 'certificate valid from' },
  certValidTo: { 'zh-CN': '执法证有效期止', en: 'certificate valid to' },
  phone: { 'zh-CN': '联系电话', en: 'phone' },
  active: { 'zh-CN': '在岗状态', en: 'active' },
  page: { 'zh-CN': '页码', en: 'page' },
  pageSize: { 'zh-CN': '每页条数', en: 'page size' },
  id: { 'zh-CN': '编号', en: 'id' },
  deviceNumber: { 'zh-CN': '设备编号', en: 'device number' },
  model: { 'zh-CN': '型号', en: 'model' },
  officerId: { 'zh-CN': '责任人', en: 'assigned officer' },
  officerIds: { 'zh-CN': '执法人员', en: 'officers' },
  status: { 'zh-CN': '状态', en: 'status' },
  note: { 'zh-CN': '备注', en: 'note' },
  place: { 'zh-CN': '地点', en: 'place' },
  latitude: { 'zh-CN': '纬度', en: 'latitude' },
  longitude: { 'zh-CN': '经度', en: 'longitude' },
  party: { 'zh-CN': '当事人', en: 'party' },
  caseCause: { 'zh-CN': '案由', en: 'case cause' },
  category: { 'zh-CN': '类别', en: 'category' },
  confidentiality: { 'zh-CN': '密级', en: 'confidentiality' },
  captureStart: { 'zh-CN': '拍摄开始时间', en: 'capture start' },
  captureEnd: { 'zh-CN': '拍摄结束时间', en: 'capture end' },
  reason: { 'zh-CN': '更正原因', en: 'reason' },
  caseId: { 'zh-CN': '案件', en: 'case' },
  step: { 'zh-CN': '环节', en: 'step' },
  from: { 'zh-CN': '起始时间', en: 'from' },
  to: { 'zh-CN': '截止时间', en: 'to' },
  identifier: { 'zh-CN': '证件号码', en: 'identification number' },
  legalRep: { 'zh-CN': '法定代表人', en: 'legal representative' },
  address: { 'zh-CN': '地址', en: 'address' },
  sex: { 'zh-CN': '性别', en: 'sex' },
  templateId: { 'zh-CN': '文书模板', en: 'document template' },
  fileName: { 'zh-CN': '文件名', en: 'file name' },
  series: { 'zh-CN': '编号前缀', en: 'number prefix' },
  first: { 'zh-CN': '起号', en: 'first number' },
  last: { 'zh-CN': '止号', en: 'last number' },
  digits: { 'zh-CN': '印刷位数', en: 'printed digits' },
  holderId: { 'zh-CN': '领用人', en: 'holder' },
  number: { 'zh-CN': '编号', en: 'number' },
  formNumber: { 'zh-CN': '当场处罚决定书编号', en: 'decision form number' },
  paidOn: { 'zh-CN': '缴款日期', en: 'payment date' },
  amountFen: { 'zh-CN': '缴款金额', en: 'amount paid' },
  receiptNumber: { 'zh-CN': '票据号', en: 'receipt number' },
  receiptScan: { 'zh-CN': '票据扫描件', en: 'receipt scan' },
};

export function fieldLabel(field: string, lang: Lang): string {
  return FIELD_LABELS[field]?.[lang] ?? field;
}
