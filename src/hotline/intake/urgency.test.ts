import { describe, expect, it } from 'vitest';
import { assessUrgency } from './urgency.js';

describe('urgency', () => {
  it('sends emergencies to the right numbers at once, 122 before 120 for a crash with injuries', () => {
    expect(assessUrgency(undefined, '路口撞车了，有人受伤流了很多血')).toMatchObject({ urgency: 'emergency', numbers: ['122', '120'] });
    expect(assessUrgency('小区起火', '楼道里着火了')).toMatchObject({ urgency: 'emergency', numbers: ['119'] });
    expect(assessUrgency(undefined, '楼道里着火了').advice).toMatch(/立即.*119 火警/);
  });

  it('is urgent when safety or basic supply is at stake, and asking about the aftermath is not an emergency', () => {
    expect(assessUrgency('停水三天', '小区停水三天了没人管').urgency).toBe('urgent');
    expect(assessUrgency(undefined, '路边井盖缺失，随时可能有人掉下去').urgency).toBe('urgent');
    expect(assessUrgency(undefined, '交通事故理赔需要什么材料').urgency).toBe('normal');
    expect(assessUrgency(undefined, '建议增设公交线路').urgency).toBe('normal');
  });
});
