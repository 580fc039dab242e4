// The demo hall written on first start when no configuration file is given: the four kinds of
// business of a city police bureau's service hall, six windows of which two are elderly windows,
// one account per person (six window officers, a front-desk guide, a supervisor, city statistics).
import type { HallConfig } from './hallConfig';

export const DEMO_HALL_CONFIG: HallConfig = {
  halls: [
    {
      code: 'demo',
      name: '市公安局出入境与户政办证大厅',
      nameEn: 'City Police Exit-Entry & Household Registration Hall',
      timezone: 'Asia/Shanghai',
      hours: { opens: '08:30', closes: '17:30' },
      // Every day, tickets until 30 minutes before closing; holidays are added in the admin console.
      schedule: { openWeekdays: [1, 2, 3, 4, 5, 6, 7], issueStopMinutes: 30 },
      ticketFooter: '60岁以上老人无需预约，优先办理。如需帮助请到服务台。',
      // Mandarin only, the default; a Guangdong hall adds 'yue' (Cantonese) in the admin console.
      voiceLanguages: ['cmn'],
      rules: {},
      services: [
        {
          code: 'A',
          nameZh: '出入境证件',
          nameEn: 'Exit-entry documents',
          category: 'exit_entry',
          typicalMinutes: 8,
        },
        {
          code: 'B',
          nameZh: '户籍业务',
          nameEn: 'Household registration',
          category: 'household',
          typicalMinutes: 10,
        },
        { code: 'C', nameZh: '身份证', nameEn: 'Resident ID card', category: 'id_card', typicalMinutes: 6 },
        {
          code: 'D',
          nameZh: '居住证',
          nameEn: 'Residence permit',
          category: 'residence_permit',
          typicalMinutes: 7,
        },
      ],
      windows: [
        { number: 1, name: '老年人专窗', services: ['A', 'B', 'C', 'D'], elderlyDedicated: true },
        { number: 2, name: '老年人专窗', services: ['A', 'B', 'C', 'D'], elderlyDedicated: true },
        { number: 3, name: '出入境', services: ['A'], elderlyDedicated: false },
        { number: 4, name: '出入境', services: ['A', 'D'], elderlyDedicated: false },
        { number: 5, name: '户政', services: ['B', 'C'], elderlyDedicated: false },
        { number: 6, name: '户政', services: ['B', 'C', 'D'], elderlyDedicated: false },
      ],
      // Exit-entry business runs on appointments (the others are walk-in only): half-hour slots of 6.
      appointments: {
        checkInEarlyMinutes: 30,
        checkInLateMinutes: 15,
        schedules: [
          {
            service: 'A',
            weekdays: [1, 2, 3, 4, 5],
            starts: '09:00',
            ends: '11:30',
            slotMinutes: 30,
            capacity: 6,
          },
          {
            service: 'A',
            weekdays: [1, 2, 3, 4, 5],
            starts: '14:00',
            ends: '17:00',
            slotMinutes: 30,
            capacity: 6,
          },
        ],
      },
      devices: [
        { kind: 'kiosk', name: '大厅取号机 1', printer: { interface: 'virtual', widthColumns: 48 } },
        { kind: 'display', name: '大厅显示屏', printer: null },
      ],
      // One account per person: an account works one window at a time, so two officers sharing one
      // would take each other's window.
      staff: [
        { username: 'zhang', name: '张警官', role: 'staff' },
        { username: 'li', name: '李警官', role: 'staff' },
        { username: 'wang', name: '王警官', role: 'staff' },
        { username: 'zhao', name: '赵警官', role: 'staff' },
        { username: 'chen', name: '陈警官', role: 'staff' },
        { username: 'liu', name: '刘警官', role: 'staff' },
        // The front desk (导办台): issues tickets for visitors who cannot use the kiosk.
        { username: 'desk', name: '导办台', role: 'desk' },
        { username: 'admin', name: '值班主管', role: 'admin' },
        // Reads every hall's reports (per hall and summed for the city); nothing else.
        { username: 'city', name: '市局统计', role: 'city' },
      ],
    },
  ],
};
