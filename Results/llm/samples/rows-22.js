cwmSamples.rows(22,[["perm/S5/tuple/all/T128/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/tuple/all/T128/kfinal/1",1,1,0,0,0,0,0,0]]);
