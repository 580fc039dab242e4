// Chinese (the hall's language) — every word on the display, window and status screens.
export default {
  app: {
    title: '叫号显示屏',
    statusTitle: '排队进度',
  },
  call: {
    sentence: '请 {number} 号 到 {window} 号窗口',
    /** The sentence on two lines of the wall display. */
    line1: '请 {number} 号',
    line2: '到 {window} 号窗口',
    recall: '重复呼叫',
    none: '暂无叫号',
    noneHint: '请留意叫号',
    newest: '当前叫号',
  },
  recent: {
    title: '最近叫号',
    hint: '过号请到窗口说明',
    row: '{window} 号窗口',
    empty: '暂无',
  },
  stale: {
    label: '断线前的信息，可能已过时',
  },
  connection: {
    lost: '连接中断，正在重连',
    connecting: '正在连接服务器',
    refused: '显示屏未授权或已停用（{code}）',
    refusedHint: '请管理员在地址后加上 ?key=设备密钥 重新打开',
    noKey: '显示屏尚未设置设备密钥',
  },
  windows: {
    title: '窗口状态',
    name: '{number} 号窗口',
    open: '开放',
    paused: '暂停服务',
    closed: '未开放',
    elderly: '老年人专窗',
    now: '当前',
    idle: '空闲',
  },
  waiting: {
    title: '等候人数',
    count: '等候 {count} 人',
    unknown: '—',
    unknownHint: '人数未知',
  },
  rule: {
    title: '优先规则',
  },
  notices: {
    title: '公告',
  },
  sound: {
    enable: '点击开启声音',
    why: '浏览器需要点击一次才能播放叫号声音',
  },
  windowView: {
    nowServing: '当前号码',
    nothing: '暂无',
    unknownWindow: '没有 {number} 号窗口',
  },
  status: {
    ticket: '您的号码',
    service: '业务',
    ahead: '前面还有 {count} 人',
    estimate: '预计等候约 {minutes} 分钟',
    estimateNow: '马上就到您',
    yourTurn: '轮到您了：请到 {window} 号窗口',
    yourTurnLead: '轮到您了',
    goToWindow: '请到 {window} 号窗口',
    serving: '正在 {window} 号窗口办理',
    done: '业务已办结，谢谢光临',
    noShow: '已过号：请到窗口或咨询台说明，工作人员会为您重新排队',
    transferred: '已转到其他业务，请留意新的叫号',
    cancelled: '此号已取消',
    waiting: '正在排队',
    notFound: '找不到这张号票，请检查二维码或咨询工作人员',
    loading: '正在读取…',
    live: '自动更新中',
    offline: '连接中断，正在重连；显示的可能不是最新进度',
  },
} as const;
